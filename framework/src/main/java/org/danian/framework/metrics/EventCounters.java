package org.danian.framework.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyKind;

/**
 * The scheduler loop's counters (iterations, passes, parks, core switches) and each policy
 * slot's (swaps, failed swaps, ejections).
 *
 * <p>One writer, the scheduler thread, increments with a plain read and a release store
 * ({@code lazySet}): no read-modify-write instruction on the loop's path, and readers on other
 * threads see a recent, untorn value. Allocation-free.
 */
final class EventCounters {

    static final int ITERATIONS = 0;
    static final int SLOW_PASSES = 1;
    static final int PARKS = 2;
    static final int CORE_NEEDED = 3;
    static final int PREEMPTIONS = 4;
    static final int RECLAIMS = 5;
    static final int BUSY_CORE_REFUSALS = 6;
    private static final int SLOTS_START = 7;
    private static final int PER_SLOT = 3;
    private static final int SWAPS = 0;
    private static final int FAILED_SWAPS = 1;
    private static final int EJECTIONS = 2;

    private final AtomicLongArray counts = new AtomicLongArray(SLOTS_START + PER_SLOT * PolicyKind.values().length);

    /** Writer only: one more of the loop counter {@code counter} (one of the constants). */
    void bump(int counter) {
        counts.lazySet(counter, counts.get(counter) + 1);
    }

    void swapped(PolicyKind kind) {
        bump(slot(kind, SWAPS));
    }

    void swapFailed(PolicyKind kind) {
        bump(slot(kind, FAILED_SWAPS));
    }

    void ejected(PolicyKind kind) {
        bump(slot(kind, EJECTIONS));
    }

    private static int slot(PolicyKind kind, int counter) {
        return SLOTS_START + kind.ordinal() * PER_SLOT + counter;
    }

    /** Any thread: the loop's counts now. */
    MetricsSnapshot.LoopCounts loop() {
        return new MetricsSnapshot.LoopCounts(counts.get(ITERATIONS), counts.get(SLOW_PASSES), counts.get(PARKS),
                counts.get(CORE_NEEDED), counts.get(PREEMPTIONS), counts.get(RECLAIMS), counts.get(BUSY_CORE_REFUSALS));
    }

    /** Any thread: the counts of the slot of {@code kind} now. */
    MetricsSnapshot.SlotCounts slot(PolicyKind kind) {
        return new MetricsSnapshot.SlotCounts(counts.get(slot(kind, SWAPS)), counts.get(slot(kind, FAILED_SWAPS)),
                counts.get(slot(kind, EJECTIONS)));
    }
}
