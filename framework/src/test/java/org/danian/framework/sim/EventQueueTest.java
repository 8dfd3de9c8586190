package org.danian.framework.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * {@link EventQueue} against a plain ordered set of (time, sequence, actor): random schedules,
 * reschedules (earlier, later, at the current time), cancels and polls, with fast actors, so
 * every store (fast slots, the FIFO, the heap) and the moves between them must keep the one
 * order the simulation's determinism rests on.
 */
class EventQueueTest {

    private record Entry(long time, long sequence, int actor) {
    }

    @Test
    void firesInTimeThenSchedulingOrderLikeOneOrderedSet() {
        int actors = 300;
        for (int fast : new int[] {0, 1, 3}) {
            SplittableRandom random = new SplittableRandom(5 + fast);
            EventQueue queue = new EventQueue(actors, fast);
            TreeSet<Entry> reference = new TreeSet<>(Comparator.comparingLong(Entry::time)
                    .thenComparingLong(Entry::sequence));
            Entry[] pending = new Entry[actors];
            long sequence = 0;
            long now = 0;
            for (int step = 0; step < 200_000; step++) {
                int actor = random.nextInt(actors);
                int what = random.nextInt(10);
                if (what < 5) {
                    long at = random.nextInt(4) == 0 ? now : now + random.nextInt(50);
                    queue.schedule(actor, at);
                    if (pending[actor] != null) {
                        reference.remove(pending[actor]);
                    }
                    pending[actor] = new Entry(at, sequence++, actor);
                    reference.add(pending[actor]);
                } else if (what < 6) {
                    queue.cancel(actor);
                    if (pending[actor] != null) {
                        reference.remove(pending[actor]);
                        pending[actor] = null;
                    }
                } else {
                    assertEquals(reference.isEmpty(), queue.isEmpty(), "step " + step);
                    if (reference.isEmpty()) {
                        continue;
                    }
                    Entry first = reference.pollFirst();
                    pending[first.actor()] = null;
                    assertEquals(first.actor(), queue.poll(), "step " + step);
                    assertEquals(first.time(), queue.current(), "step " + step);
                    now = first.time();
                }
                assertEquals(pending[actor] != null, queue.isScheduled(actor), "step " + step);
                if (pending[actor] != null) {
                    assertEquals(pending[actor].time(), queue.timeOf(actor), "step " + step);
                }
            }
        }
    }

    @Test
    void pollingAnEmptyQueueIsRefused() {
        assertThrows(IllegalStateException.class, () -> new EventQueue(4, 1).poll());
    }
}
