package org.danian.framework.sim;

/**
 * The simulator's future: at most one pending event per actor (the scheduler, each arrival
 * source or client, each kthread), in an indexed binary min-heap keyed by (time, sequence).
 * The sequence number makes equal times fire in scheduling order, so a run depends on nothing
 * but its inputs. Rescheduling an actor moves its entry; cancelling removes it. Every
 * operation is O(log actors) and allocates nothing.
 *
 * <p>The keys live in the heap's own order, beside the actors ({@code heapTime[i]},
 * {@code heapSequence[i]} for {@code heap[i]}), so a sift compares neighbouring array slots
 * instead of looking each actor's key up by actor number: with thousands of kthreads the
 * lookups were cache misses and the queue a quarter of the run's time.
 */
final class EventQueue {

    private final int[] heap;
    private final long[] heapTime;
    private final long[] heapSequence;
    private final int[] position;
    private int size;
    private long nextSequence;

    EventQueue(int actors) {
        this.heap = new int[actors];
        this.heapTime = new long[actors];
        this.heapSequence = new long[actors];
        this.position = new int[actors];
        java.util.Arrays.fill(position, -1);
    }

    /** Schedules {@code actor} at {@code at}, replacing its pending event if it has one. */
    void schedule(int actor, long at) {
        long sequence = nextSequence++;
        int slot = position[actor];
        if (slot < 0) {
            siftUp(size++, actor, at, sequence);
        } else if (at < heapTime[slot]) {
            siftUp(slot, actor, at, sequence); // earlier: it can only move up
        } else {
            siftDown(slot, actor, at, sequence); // later, or equal with a later sequence: only down
        }
    }

    /** Removes the pending event of {@code actor}, if any. */
    void cancel(int actor) {
        int slot = position[actor];
        if (slot < 0) {
            return;
        }
        position[actor] = -1;
        removeAt(slot);
    }

    boolean isScheduled(int actor) {
        return position[actor] >= 0;
    }

    /** When {@code actor}'s pending event fires; only meaningful if it is scheduled. */
    long timeOf(int actor) {
        return heapTime[position[actor]];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The time of the earliest event; the queue must not be empty. */
    long peekTime() {
        return heapTime[0];
    }

    /** Removes the earliest event and returns its actor; the queue must not be empty. */
    int poll() {
        int actor = heap[0];
        position[actor] = -1;
        removeAt(0);
        return actor;
    }

    /** Fills {@code slot} (already detached from its actor) with the last entry, re-sifted. */
    private void removeAt(int slot) {
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

    /** Whether (time, sequence) comes before the entry at {@code slot}. */
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
