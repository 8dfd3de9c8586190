package org.danian.framework.sim;

/**
 * The simulator's future: at most one pending event per actor (the scheduler, each arrival
 * source or client, each kthread), in an indexed binary min-heap keyed by (time, sequence).
 * The sequence number makes equal times fire in scheduling order, so a run depends on nothing
 * but its inputs. Rescheduling an actor moves its entry; cancelling removes it. Every
 * operation is O(log actors) and allocates nothing.
 */
final class EventQueue {

    private final long[] time;
    private final long[] sequence;
    private final int[] heap;
    private final int[] position;
    private int size;
    private long nextSequence;

    EventQueue(int actors) {
        this.time = new long[actors];
        this.sequence = new long[actors];
        this.heap = new int[actors];
        this.position = new int[actors];
        java.util.Arrays.fill(position, -1);
    }

    /** Schedules {@code actor} at {@code at}, replacing its pending event if it has one. */
    void schedule(int actor, long at) {
        time[actor] = at;
        sequence[actor] = nextSequence++;
        int at0 = position[actor];
        if (at0 < 0) {
            heap[size] = actor;
            position[actor] = size;
            siftUp(size++);
        } else {
            siftDown(siftUp(at0));
        }
    }

    /** Removes the pending event of {@code actor}, if any. */
    void cancel(int actor) {
        int at = position[actor];
        if (at < 0) {
            return;
        }
        position[actor] = -1;
        int last = heap[--size];
        if (at != size) {
            heap[at] = last;
            position[last] = at;
            siftDown(siftUp(at));
        }
    }

    boolean isScheduled(int actor) {
        return position[actor] >= 0;
    }

    /** When {@code actor}'s pending event fires; only meaningful if it is scheduled. */
    long timeOf(int actor) {
        return time[actor];
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** The time of the earliest event; the queue must not be empty. */
    long peekTime() {
        return time[heap[0]];
    }

    /** Removes the earliest event and returns its actor; the queue must not be empty. */
    int poll() {
        int actor = heap[0];
        cancel(actor);
        return actor;
    }

    private boolean before(int a, int b) {
        return time[a] < time[b] || (time[a] == time[b] && sequence[a] < sequence[b]);
    }

    private int siftUp(int at) {
        int actor = heap[at];
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            int above = heap[parent];
            if (!before(actor, above)) {
                break;
            }
            heap[at] = above;
            position[above] = at;
            at = parent;
        }
        heap[at] = actor;
        position[actor] = at;
        return at;
    }

    private void siftDown(int at) {
        int actor = heap[at];
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            int below = heap[child];
            if (!before(below, actor)) {
                break;
            }
            heap[at] = below;
            position[below] = at;
            at = child;
        }
        heap[at] = actor;
        position[actor] = at;
    }
}
