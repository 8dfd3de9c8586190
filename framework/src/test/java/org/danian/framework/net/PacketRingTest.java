package org.danian.framework.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacketRingTest {

    @Test
    void isFifoAndBounded() {
        PacketRing<Integer> ring = new PacketRing<>(4);
        for (int i = 0; i < 4; i++) {
            assertTrue(ring.offer(i));
        }
        assertFalse(ring.offer(99));
        for (int lap = 0; lap < 3; lap++) {
            assertEquals(lap, ring.poll());
            assertTrue(ring.offer(4 + lap));
        }
        assertEquals(3, ring.poll());
        assertEquals(4, ring.poll());
        assertEquals(5, ring.poll());
        assertEquals(6, ring.poll());
        assertNull(ring.poll());
    }

    @Test
    void rejectsACapacityThatIsNotAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PacketRing<>(6));
        assertTrue(e.getMessage().contains("6"));
    }

    @Test
    void concurrentProducersAndConsumersLoseAndDuplicateNothing() throws InterruptedException {
        PacketRing<Long> ring = new PacketRing<>(64);
        int producers = 2;
        int perProducer = 20_000;
        ConcurrentHashMap<Long, Boolean> seen = new ConcurrentHashMap<>();
        AtomicLong taken = new AtomicLong();
        Thread[] threads = new Thread[producers * 2];
        for (int p = 0; p < producers; p++) {
            long base = (long) p * perProducer;
            threads[p] = new Thread(() -> {
                for (long i = 0; i < perProducer; i++) {
                    while (!ring.offer(base + i)) {
                        Thread.yield();
                    }
                }
            });
        }
        long total = (long) producers * perProducer;
        for (int c = 0; c < producers; c++) {
            threads[producers + c] = new Thread(() -> {
                while (taken.get() < total) {
                    Long value = ring.poll();
                    if (value != null) {
                        assertNull(seen.put(value, Boolean.TRUE), "duplicate " + value);
                        taken.incrementAndGet();
                    } else {
                        Thread.yield();
                    }
                }
            });
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(20_000);
        }
        assertEquals(total, seen.size());
        assertNull(ring.poll());
    }
}
