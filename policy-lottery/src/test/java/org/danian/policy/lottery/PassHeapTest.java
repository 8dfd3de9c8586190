package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The indexed heap against a sorted set of (pass, slot), including passes near overflow. */
class PassHeapTest {

    @Test
    void behavesLikeASortedSetUnderRandomOperations() {
        for (long base : new long[] {0, Long.MAX_VALUE - 1_000}) {
            SplittableRandom random = new SplittableRandom(base);
            int slots = 50;
            PassHeap heap = new PassHeap(slots);
            long[] pass = new long[slots];
            // Keys ordered as the heap must order them: by pass relative to base, then slot.
            TreeSet<Integer> model = new TreeSet<>((a, b) -> {
                int byPass = Long.compare(pass[a] - base, pass[b] - base);
                return byPass != 0 ? byPass : Integer.compare(a, b);
            });
            for (int step = 0; step < 20_000; step++) {
                int slot = random.nextInt(slots);
                int dice = random.nextInt(3);
                if (!heap.contains(slot)) {
                    pass[slot] = base + random.nextInt(500); // wraps past Long.MAX_VALUE
                    heap.insert(slot, pass[slot]);
                    model.add(slot);
                } else if (dice == 0) {
                    heap.remove(slot);
                    model.remove(slot);
                } else if (model.size() > 0) {
                    assertEquals(model.pollFirst(), heap.pollMin(), "minimum at step " + step);
                }
                assertEquals(model.size(), heap.size());
            }
            while (heap.size() > 0) {
                int min = heap.pollMin();
                assertEquals(model.pollFirst(), min);
                assertFalse(heap.contains(min));
            }
        }
    }
}
