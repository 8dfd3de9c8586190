package org.danian.framework.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@link IdleStrategy#backoff()}: for the first {@code spins} idle iterations a spin hint, for
 * the next {@code yields} a {@link Thread#yield()}, then {@link LockSupport#parkNanos(long)}
 * starting at {@code minParkNanos} and doubling up to {@code maxParkNanos} (or the waiter given
 * by {@link #waitWith}, which may end the wait early). Any work resets it.
 *
 * <p>The defaults yield for the first 1,100 idle iterations (no spin-only phase), then park;
 * parks start short (1 µs asked, which Linux rounds up to its timer slack) and grow to at most
 * 100 µs, ten poll intervals, which bounds how late a proc that becomes congested after a quiet
 * spell is noticed. A yield returns at once when nothing else waits for the core, so it is as
 * responsive as a spin; but when the scheduler thread has just woken a kthread that Linux put
 * on the same core (it places a woken thread on the waker's core when the other is busy, as
 * with unpinned kthreads on a small shared machine), a spin kept that kthread waiting for the
 * end of a Linux time slice, milliseconds, while a yield lets it run. When this was chosen,
 * sockperf at 5,000 requests/s on two cores, unpinned, gave a p99 of 2.5 ms with 1,000 spins
 * first and 0.6 to 1.3 ms with yields; the current numbers are in docs/measurements.md.
 *
 * <p>Exception: once the waiter {@linkplain IdleWaiter#blocksOnWork blocks on the work source
 * itself}, after {@code blockingSpins} idle iterations (default 50) the strategy waits there at
 * once (the wait ends when work arrives). An iteration that polls the packet driver costs
 * about 1 µs (a {@code selectNow} system call), so 1,100 iterations last over a millisecond:
 * with requests a few hundred µs apart the thread never reached its park and used a whole core
 * between packets. 50 iterations, tens of µs, still catch a request that follows at once.
 *
 * <p><b>Adaptive polls before that wait.</b> The polls pay only when work comes within them,
 * which a steady stream of requests a few hundred µs apart never does: there the scheduler
 * thread spent about 15 µs of CPU per request polling before each wait, more than half of its
 * whole cost per request (docs/measurements.md). So the number of polls before a wait on the
 * work source is a budget that learns, as competitive spinning does (Karlin et al., SOSP'91):
 * halved each time the polls ran out and the thread waited, grown back (doubled, plus one, up
 * to {@code blockingSpins}) each time work came while it polled. Every
 * {@value #PROBE_PERIOD}th wait with an empty budget, the next idle period polls the whole
 * {@code blockingSpins} again, so a stream that became dense is found at a bounded cost.
 *
 * <p>{@link IdleStrategy#block()} is this class without yields ({@link #blocking()}): 10 spin
 * hints (about 10 µs of polling the driver, which catches the reply-sized gaps of a busy
 * proc), then the wait. Yields were dropped because on a core shared with busy co-tenants each
 * yield hands the core to one of them for a whole CFS slice (milliseconds) while the scheduler
 * thread stays runnable, so a packet that arrives meanwhile waits for that slice; a thread
 * blocked in the selector or parked is instead woken, with CFS's wake-up preference, by the
 * packet or the signal itself. docs/measurements.md has the numbers.
 */
final class BackoffIdle implements IdleStrategy {

    static final int DEFAULT_SPINS = 0;
    static final int DEFAULT_YIELDS = 1_100;
    static final int DEFAULT_BLOCKING_SPINS = 50;
    static final long DEFAULT_MIN_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(1);
    static final long DEFAULT_MAX_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(100);
    /** {@link IdleStrategy#block()}'s polls before it waits. */
    static final int BLOCK_SPINS = 10;
    /** Waits with an empty poll budget between two full-budget probes. */
    static final int PROBE_PERIOD = 64;

    private final String name;
    private final int spins;
    private final int yields;
    private final int blockingSpins;
    private final long minParkNanos;
    private final long maxParkNanos;
    private IdleWaiter waiter = IdleWaiter.PARK;
    private int idleIterations;
    private long parkNanos;
    /** Polls before the next wait on the work source; 0..blockingSpins, learnt. */
    private int pollBudget;
    /** Whether this idle period has waited (parked or blocked) yet. */
    private boolean waited;
    /** Waits with an empty poll budget since the last probe. */
    private int emptyBudgetWaits;

    BackoffIdle() {
        this(DEFAULT_SPINS, DEFAULT_YIELDS, DEFAULT_BLOCKING_SPINS, DEFAULT_MIN_PARK_NANOS,
                DEFAULT_MAX_PARK_NANOS);
    }

    /** {@link IdleStrategy#block()}: {@value #BLOCK_SPINS} spin hints, no yield, then the wait. */
    static BackoffIdle blocking() {
        return new BackoffIdle("block", BLOCK_SPINS, 0, BLOCK_SPINS, DEFAULT_MIN_PARK_NANOS, DEFAULT_MAX_PARK_NANOS);
    }

    /** Blocks on the work source only where it would park ({@code blockingSpins = spins + yields}). */
    BackoffIdle(int spins, int yields, long minParkNanos, long maxParkNanos) {
        this(spins, yields, spins + yields, minParkNanos, maxParkNanos);
    }

    /** @throws IllegalArgumentException if a count is negative or the park range is empty */
    BackoffIdle(int spins, int yields, int blockingSpins, long minParkNanos, long maxParkNanos) {
        this("backoff", spins, yields, blockingSpins, minParkNanos, maxParkNanos);
    }

    private BackoffIdle(String name, int spins, int yields, int blockingSpins, long minParkNanos, long maxParkNanos) {
        this.name = name;
        if (spins < 0 || yields < 0 || blockingSpins < 0 || minParkNanos < 1 || maxParkNanos < minParkNanos) {
            throw new IllegalArgumentException("invalid backoff: spins=" + spins + " yields=" + yields
                    + " blockingSpins=" + blockingSpins + " park " + minParkNanos + ".." + maxParkNanos + " ns");
        }
        this.spins = spins;
        this.yields = yields;
        this.blockingSpins = blockingSpins;
        this.minParkNanos = minParkNanos;
        this.maxParkNanos = maxParkNanos;
        this.parkNanos = minParkNanos;
        this.pollBudget = blockingSpins;
    }

    @Override
    public void idle() {
        if (idleIterations >= pollBudget && waiter.blocksOnWork()) {
            if (!waited) {
                learnPollsFailed();
            }
            waited = true;
            waiter.await(maxParkNanos);
        } else if (idleIterations < spins) {
            idleIterations++;
            Thread.onSpinWait();
        } else if (idleIterations < spins + yields) {
            idleIterations++;
            Thread.yield();
        } else {
            waited = true;
            waiter.await(parkNanos);
            parkNanos = Math.min(maxParkNanos, parkNanos * 2);
        }
    }

    @Override
    public void waitWith(IdleWaiter waiter) {
        if (waiter == null) {
            throw new NullPointerException("waiter");
        }
        this.waiter = waiter;
    }

    @Override
    public void reset() {
        if (idleIterations > 0 && !waited) {
            pollBudget = Math.min(blockingSpins, pollBudget * 2 + 1); // the polls caught this work
        }
        idleIterations = 0;
        parkNanos = minParkNanos;
        waited = false;
    }

    private void learnPollsFailed() {
        if (pollBudget > 0) {
            pollBudget /= 2;
        } else if (++emptyBudgetWaits >= PROBE_PERIOD) {
            emptyBudgetWaits = 0;
            pollBudget = blockingSpins; // probe: would polling catch the work now?
        }
    }

    @Override
    public String name() {
        return name;
    }

    /** The phase the next {@link #idle()} is in, for tests: 0 spin, 1 yield, 2 park. */
    int phase() {
        return idleIterations < spins ? 0 : idleIterations < spins + yields ? 1 : 2;
    }

    /** Polls the next idle period makes before a wait on the work source, for tests. */
    int pollBudget() {
        return pollBudget;
    }

    /** The next park's length, for tests. */
    long nextParkNanos() {
        return parkNanos;
    }
}
