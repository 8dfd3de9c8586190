package org.danian.framework.runtime;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * A kthread's last step before giving its core back: poll for work for a short while, then
 * tell the caller to park. Caladan's runtime spins {@code RUNTIME_SCHED_MIN_POLL_US} = 2 µs
 * (OSDI'20 §4.1): long enough to catch a request that is already on its way, short enough
 * that an idle kthread returns its core to the scheduler almost at once.
 *
 * <p>Immutable, so kthreads may share one (given a thread-safe clock). Allocation-free if the
 * caller passes the same condition instance each time. The clock is
 * read only after the condition failed, so a kthread that finds work pays nothing for time.
 */
public final class SpinThenPark {

    /** Caladan's {@code RUNTIME_SCHED_MIN_POLL_US}. */
    public static final long DEFAULT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(2);

    private final long spinNanos;
    private final LongSupplier clock;

    /** Spins {@link #DEFAULT_SPIN_NANOS} on {@code System.nanoTime()}. */
    public SpinThenPark() {
        this(DEFAULT_SPIN_NANOS, System::nanoTime);
    }

    /**
     * @param spinNanos how long to poll before parking; 0 polls exactly once
     * @param clock a nanosecond clock ({@code System::nanoTime} live, a fake one in tests)
     * @throws IllegalArgumentException if {@code spinNanos} is negative
     */
    public SpinThenPark(long spinNanos, LongSupplier clock) {
        if (spinNanos < 0) {
            throw new IllegalArgumentException("spin time must not be negative: " + spinNanos);
        }
        this.spinNanos = spinNanos;
        this.clock = clock;
    }

    /**
     * Polls {@code workArrived} until it is true or the spin time has passed.
     *
     * @return {@code true} if work arrived (keep running); {@code false} if the caller should
     *     park and give its core back
     */
    public boolean awaitWork(BooleanSupplier workArrived) {
        if (workArrived.getAsBoolean()) {
            return true;
        }
        long deadline = clock.getAsLong() + spinNanos;
        do {
            Thread.onSpinWait();
            if (workArrived.getAsBoolean()) {
                return true;
            }
        } while (clock.getAsLong() - deadline < 0);
        return false;
    }

    /** The clock's reading now: the time base of the kthreads that share this rule. */
    public long now() {
        return clock.getAsLong();
    }

    /** The spin time in nanoseconds. */
    public long spinNanos() {
        return spinNanos;
    }
}
