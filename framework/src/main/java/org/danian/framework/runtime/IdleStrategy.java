package org.danian.framework.runtime;

import java.util.Locale;

/**
 * What the scheduler thread does after a loop iteration that found nothing to do.
 *
 * <ul>
 *   <li>{@link #spin()}: Caladan's IOKernel busy poll (OSDI'20 §4): never leaves the CPU, so a
 *       congested proc is noticed within one poll interval. It burns its core at 100%; use it
 *       on dedicated testbed nodes, where the scheduler core is reserved for it.
 *   <li>{@link #block()}: a few polls, then a wait that leaves the core: blocked in the packet
 *       driver when only a packet can bring work (the packet, an operation or a core-needed
 *       signal ends it at once), else a park of 1 µs growing to 100 µs that the same events
 *       cut short. It never calls {@code sched_yield}: under Linux's CFS a yield hands the core
 *       to any runnable co-tenant, so a scheduler thread that yields its way through idle
 *       periods on a contended core gives its slices away and is late for the next packet
 *       (measured in docs/measurements.md).
 *   <li>{@link #backoff()}: yields up to 1,100 times, then parks for short, growing times (or
 *       waits in the packet driver). As responsive as a spin on an otherwise idle core.
 * </ul>
 * <b>The default is {@code block}</b> ({@link #DEFAULT}): Danian is first started on laptops,
 * CI and shared machines, where a thread spinning (or yielding) forever on a core harms
 * everything else and hides real results behind noise. Testbed configurations choose
 * {@code spin} explicitly.
 *
 * <p>Called by the scheduler thread only; an instance keeps the count of consecutive idle
 * iterations, so each loop owns its own. Neither implementation allocates.
 */
public interface IdleStrategy {

    /** Name of the default strategy, for configuration. */
    String DEFAULT = "block";

    /** The scheduler found nothing to do in the iteration that just ended. */
    void idle();

    /** The scheduler did some work: the next idle period starts from the beginning. */
    void reset();

    /**
     * Before the first {@link #idle()}: how a strategy that parks waits ({@link IdleWaiter#PARK}
     * if never set). The scheduler thread passes one that blocks in the packet driver when only
     * a packet can bring work, so an arriving packet ends the wait at once. A strategy that
     * never parks ignores it.
     */
    default void waitWith(IdleWaiter waiter) {
    }

    /** The configuration name: {@code spin}, {@code block} or {@code backoff}. */
    String name();

    /** Busy polling, Caladan's IOKernel. */
    static IdleStrategy spin() {
        return new SpinIdle();
    }

    /** Yields, then short parks, with {@link BackoffIdle}'s default steps. */
    static IdleStrategy backoff() {
        return new BackoffIdle();
    }

    /** A few polls, then a blocking wait or a short park; never a yield. */
    static IdleStrategy block() {
        return BackoffIdle.blocking();
    }

    /**
     * The strategy with that configuration name (case-insensitive).
     *
     * @throws IllegalArgumentException if the name is not {@code block}, {@code spin} or {@code backoff}
     */
    static IdleStrategy named(String name) {
        switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
            case "spin":
                return spin();
            case "backoff":
                return backoff();
            case "block":
                return block();
            default:
                throw new IllegalArgumentException("unknown idle strategy '" + name + "': use block, spin or backoff");
        }
    }
}
