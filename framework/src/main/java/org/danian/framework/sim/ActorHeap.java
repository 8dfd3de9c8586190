package org.danian.framework.sim;

import java.util.Arrays;

/**
 * The {@link EventQueue}'s store for events not due now: an indexed binary min-heap of actors
 * ordered by (time, sequence), whose keys sit in heap order beside the actors so that a sift
 * reads neighbouring slots. It also keeps each actor's position, a heap slot or one of the
 * queue's markers (negative), so that rescheduling or cancelling finds an actor's entry in
 * O(1). Allocates nothing after construction.
 */
final class ActorHeap {

    /** {@link #position}'s value for an actor with no pending event. */
    static final int NOT_SCHEDULED = -1;

    private final int[] heap;
    private final long[] heapTime;
    private final long[] heapSequence;
    /** Per actor: its heap slot, or a negative marker that the queue gives it. */
    private final int[] position;
    private int size;

    ActorHeap(int actors) {
        this.heap = new int[actors];
        this.heapTime = new long[actors];
        this.heapSequence = new long[actors];
        this.position = new int[actors];
        Arrays.fill(position, NOT_SCHEDULED);
    }

    /** {@code actor}'s heap slot (0 or more), or the negative marker last set for it. */
    int position(int actor) {
        return position[actor];
    }

    /** Sets a negative marker for an actor that is not in the heap (or has just left it). */
    void mark(int actor, int marker) {
        position[actor] = marker;
    }

    int size() {
        return size;
    }

    /** The time of the entry at {@code slot}. */
    long timeAt(int slot) {
        return heapTime[slot];
    }

    /** The actor of the least entry; the heap must not be empty. */
    int topActor() {
        return heap[0];
    }

    long topTime() {
        return heapTime[0];
    }

    long topSequence() {
        return heapSequence[0];
    }

    /** Adds or moves {@code actor}'s entry to (time, sequence); a later key only sifts down. */
    void put(int actor, long time, long sequence) {
        int slot = position[actor];
        if (slot < 0) {
            siftUp(size++, actor, time, sequence);
        } else if (time < heapTime[slot]) {
            siftUp(slot, actor, time, sequence); // earlier: it can only move up
        } else {
            siftDown(slot, actor, time, sequence); // later, or equal with a later sequence: only down
        }
    }

    /**
     * Fills {@code slot} with the last entry, re-sifted. The caller has already given the
     * actor that held {@code slot} its new position (a marker).
     */
    void removeAt(int slot) {
        int last = --size;
        if (slot == last) {
            return;
        }
        int actor = heap[last];
        long time = heapTime[last];
        long sequence = heapSequence[last];
        if (slot > 0 && before(time, sequence, (slot - 1) >>> 1)) {
            siftUp(slot, actor, time, sequence);
        } else {
            siftDown(slot, actor, time, sequence);
        }
    }

    /** Whether (time, sequence) comes before the heap entry at {@code slot}. */
    private boolean before(long time, long sequence, int slot) {
        long other = heapTime[slot];
        return time < other || (time == other && sequence < heapSequence[slot]);
    }

    private void siftUp(int slot, int actor, long time, long sequence) {
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!before(time, sequence, parent)) {
                break;
            }
            move(parent, slot);
            slot = parent;
        }
        place(slot, actor, time, sequence);
    }

    private void siftDown(int slot, int actor, long time, long sequence) {
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) {
                break;
            }
            int right = child + 1;
            if (right < size && before(heapTime[right], heapSequence[right], child)) {
                child = right;
            }
            if (before(time, sequence, child)) {
                break;
            }
            move(child, slot);
            slot = child;
        }
        place(slot, actor, time, sequence);
    }

    private void move(int from, int to) {
        int actor = heap[from];
        heap[to] = actor;
        heapTime[to] = heapTime[from];
        heapSequence[to] = heapSequence[from];
        position[actor] = to;
    }

    private void place(int slot, int actor, long time, long sequence) {
        heap[slot] = actor;
        heapTime[slot] = time;
        heapSequence[slot] = sequence;
        position[actor] = slot;
    }
}
