package org.danian.framework.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A kthread's own counters: tasks completed, tasks that threw, failed pins. One writer, the
 * kthread; any thread reads them. Opaque accesses make each read see a value the writer wrote
 * (never a torn or stale-forever one) without a fence on the task path.
 */
final class KThreadCounters {

    static final int COMPLETED = 0;
    static final int FAILED = 1;
    static final int PIN_FAILURES = 2;

    private static final VarHandle COUNTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] counts = new long[3];

    /** The kthread only. */
    void bump(int counter) {
        COUNTS.setOpaque(counts, counter, (long) COUNTS.getOpaque(counts, counter) + 1);
    }

    /** Any thread. */
    long get(int counter) {
        return (long) COUNTS.getOpaque(counts, counter);
    }
}
