package org.danian.driver.dpdk;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded, lock-free, multi-producer multi-consumer FIFO of references: Dmitry Vyukov's
 * bounded MPMC queue (1024cores.net, 2010), as the framework's driver uses it; this bundle
 * depends on the SPI alone, so it keeps its own. Each slot carries a sequence number; a
 * producer claims a slot by CAS on the tail when the slot's sequence says it is free, writes the
 * element, then publishes it with a release store of the next sequence; a consumer mirrors that
 * on the head. No allocation, no lock.
 *
 * <p>Used for the free packets (given back from any thread, taken by the polling thread) and
 * the replies (queued from any thread, drained by the polling thread).
 *
 * @param <E> element type
 */
final class DpdkPacketRing<E> {

    private final Object[] slots;
    private final AtomicLongArray sequences;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    /** @param capacity a power of two, at least 2 */
    DpdkPacketRing(int capacity) {
        if (capacity < 2 || Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2: " + capacity);
        }
        slots = new Object[capacity];
        sequences = new AtomicLongArray(capacity);
        for (int i = 0; i < capacity; i++) {
            sequences.set(i, i);
        }
        mask = capacity - 1;
    }

    /** Appends {@code element}; false if the ring is full. Any thread. */
    boolean offer(E element) {
        long position = tail.get();
        while (true) {
            int slot = (int) position & mask;
            long lag = sequences.getAcquire(slot) - position;
            if (lag == 0) {
                if (tail.compareAndSet(position, position + 1)) {
                    slots[slot] = element;
                    sequences.setRelease(slot, position + 1);
                    return true;
                }
                position = tail.get();
            } else if (lag < 0) {
                return false; // the slot still holds the element of the previous lap
            } else {
                position = tail.get(); // another producer took this position
            }
        }
    }

    /** Removes the oldest element; null if the ring is empty. Any thread. */
    @SuppressWarnings("unchecked")
    E poll() {
        long position = head.get();
        while (true) {
            int slot = (int) position & mask;
            long lag = sequences.getAcquire(slot) - (position + 1);
            if (lag == 0) {
                if (head.compareAndSet(position, position + 1)) {
                    E element = (E) slots[slot];
                    slots[slot] = null;
                    sequences.setRelease(slot, position + slots.length);
                    return element;
                }
                position = head.get();
            } else if (lag < 0) {
                return null; // not yet published by its producer
            } else {
                position = head.get(); // another consumer took this position
            }
        }
    }
}
