package org.danian.framework.runtime;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A kthread's own counters: tasks completed, tasks that threw, failed pins. One writer, the
 * kthread; any thread reads them. Opaque accesses make each read see a value the writer wrote
 * (never a torn or stale-forever one) without a fence on the task path.
 */
final class KThreadCounters {

    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int PIN_FAILURES = 2;

    private final AtomicLongArray counts = new AtomicLongArray(3);

    /** The kthread only. */
    void bump(int counter) {
        counts.setOpaque(counter, counts.getOpaque(counter) + 1);
    }

    /** Any thread. */
    long get(int counter) {
        return counts.getOpaque(counter);
    }
}
