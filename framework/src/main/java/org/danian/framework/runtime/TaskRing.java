package org.danian.framework.runtime;

import java.util.ArrayDeque;

/**
 * The sequential storage behind {@link TaskQueue}: a 32-slot ring of tasks with their enqueue
 * times, in front of an unbounded overflow. FIFO overall: the overflow holds tasks only while
 * the ring is full, all newer than the ring's, and every removal refills the ring's tail from
 * it. Not thread-safe ({@link TaskQueue} guards it with its lock). Allocation-free except for
 * one small record per task that goes to the overflow.
 */
final class TaskRing {

    static final int CAPACITY = 32;
    private static final int MASK = CAPACITY - 1;

    private final Runnable[] tasks = new Runnable[CAPACITY];
    private final long[] enqueuedAt = new long[CAPACITY];
    private final ArrayDeque<Queued> overflow = new ArrayDeque<>();
    private int head;
    private int ringSize;

    /** Tasks held, ring plus overflow. */
    int size() {
        return ringSize + overflow.size();
    }

    /** Whether the ring is empty (then so is the overflow). */
    boolean isEmpty() {
        return ringSize == 0;
    }

    /** Enqueue time of the head; only when not empty. */
    long headEnqueuedAt() {
        return enqueuedAt[head];
    }

    /** Appends at the tail. @return {@code true} if the task went to the overflow */
    boolean pushBack(Runnable task, long at) {
        if (ringSize < CAPACITY) { // then the overflow is empty
            int slot = (head + ringSize) & MASK;
            tasks[slot] = task;
            enqueuedAt[slot] = at;
            ringSize++;
            return false;
        }
        overflow.addLast(new Queued(task, at));
        return true;
    }

    /** Inserts at the head; a full ring's newest task moves to the front of the overflow. */
    void pushFront(Runnable task, long at) {
        if (ringSize == CAPACITY) {
            int last = (head + CAPACITY - 1) & MASK;
            overflow.addFirst(new Queued(tasks[last], enqueuedAt[last]));
            tasks[last] = null;
            ringSize--;
        }
        head = (head - 1) & MASK;
        tasks[head] = task;
        enqueuedAt[head] = at;
        ringSize++;
    }

    /** Removes and returns the head; only when not empty. Refills the ring from the overflow. */
    Runnable removeFirst() {
        Runnable task = tasks[head];
        tasks[head] = null;
        head = (head + 1) & MASK;
        ringSize--;
        Queued next = overflow.pollFirst();
        if (next != null) {
            int slot = (head + ringSize) & MASK;
            tasks[slot] = next.task;
            enqueuedAt[slot] = next.enqueuedAt;
            ringSize++;
        }
        return task;
    }

    /** An overflowed task with its enqueue time. */
    private record Queued(Runnable task, long enqueuedAt) {
    }
}
