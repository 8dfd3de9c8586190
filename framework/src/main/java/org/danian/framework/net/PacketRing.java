package org.danian.framework.net;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A bounded, lock-free, multi-producer multi-consumer FIFO of references: Dmitry Vyukov's
 * bounded MPMC queue (1024cores.net, 2010). Each slot carries a sequence number; a producer
 * claims a slot by CAS on the tail when the slot's sequence says it is free, writes the
 * element, then publishes it by storing the next sequence with release semantics; a consumer
 * does the mirror image on the head. Neither side allocates or takes a lock.
 *
 * <p>Used for the pool of free packets (released from any thread, taken by the polling
 * thread), for the transmit queue (replies queued from any thread, drained by the polling
 * thread), and by the kernel for its pool of packet tasks.
 *
 * @param <E> element type
 */
public final class PacketRing<E> {

    private final Object[] slots;
    private final AtomicLongArray sequences;
    private final int mask;
    private final AtomicLong head = new AtomicLong();
    private final AtomicLong tail = new AtomicLong();

    /** @param capacity a power of two, at least 2 */
    public PacketRing(int capacity) {
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

    public int capacity() {
        return slots.length;
    }

    /**
     * Whether the ring looks empty now: the oldest position holds no published element. Any
     * thread; a hint (a concurrent offer or poll may change the answer at once). Allocation-free.
     */
    public boolean isEmpty() {
        long position = head.get();
        return sequences.getAcquire((int) position & mask) - (position + 1) < 0;
    }

    /** Appends {@code element}; {@code false} if the ring is full. Any thread. */
    public boolean offer(E element) {
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

    /** Removes the oldest element; {@code null} if the ring is empty. Any thread. */
    @SuppressWarnings("unchecked")
    public E poll() {
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
