package org.danian.framework.engine;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.danian.framework.runtime.IdleStrategy;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.spi.CoreTopology;

/**
 * How the live engine runs: which core the scheduler thread owns, which cores it gives to
 * procs, how often it measures congestion, what it does when idle, how long a kthread spins
 * before parking, and whether threads are pinned.
 *
 * @param schedulerCore the core the scheduler thread is pinned to (Caladan's IOKernel core)
 * @param workerCores the cores granted to procs, ascending, without the scheduler core
 *     (unless the machine has a single core)
 * @param pollIntervalNanos the slow pass period: Caladan's {@code IOKERNEL_POLL_INTERVAL}, 10 µs
 * @param idleStrategy {@code spin} or {@code backoff}, see {@link IdleStrategy}
 * @param kthreadSpinNanos how long a kthread polls for work before parking (2 µs)
 * @param pin whether the scheduler thread and kthreads pin themselves to their cores
 */
public record EngineSettings(int schedulerCore, int[] workerCores, long pollIntervalNanos, String idleStrategy,
                             long kthreadSpinNanos, boolean pin) {

    /** Caladan's {@code IOKERNEL_POLL_INTERVAL}. */
    public static final long DEFAULT_POLL_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(10);

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public EngineSettings {
        workerCores = workerCores.clone();
        Arrays.sort(workerCores);
        if (schedulerCore < 0) {
            throw new IllegalArgumentException("scheduler core must not be negative: " + schedulerCore);
        }
        if (workerCores.length == 0) {
            throw new IllegalArgumentException("at least one worker core is needed");
        }
        for (int i = 0; i < workerCores.length; i++) {
            if (workerCores[i] < 0 || (i > 0 && workerCores[i] == workerCores[i - 1])) {
                throw new IllegalArgumentException("invalid worker cores: " + Arrays.toString(workerCores));
            }
        }
        if (pollIntervalNanos < 1 || kthreadSpinNanos < 0) {
            throw new IllegalArgumentException("poll interval must be positive and spin not negative: "
                    + pollIntervalNanos + ", " + kthreadSpinNanos);
        }
        IdleStrategy.named(idleStrategy); // validates the name
    }

    /**
     * The defaults for {@code topology}: scheduler on core 0, every other core a worker (core 0
     * too on a one-core machine), 10 µs poll interval, {@code backoff}, 2 µs spin, pinned.
     */
    public static EngineSettings defaults(CoreTopology topology) {
        return withCores(topology, 0, null);
    }

    /**
     * The defaults with the given scheduler core and worker cores.
     *
     * @param workers the worker cores, or null for every core but the scheduler's
     * @throws IllegalArgumentException if a core is outside the topology or a worker is the
     *     scheduler core on a machine with more than one core
     */
    public static EngineSettings withCores(CoreTopology topology, int schedulerCore, int[] workers) {
        int cores = topology.coreCount();
        if (schedulerCore >= cores) {
            throw new IllegalArgumentException("scheduler core " + schedulerCore + " is not in 0.." + (cores - 1));
        }
        int[] chosen = workers;
        if (chosen == null) {
            chosen = cores == 1 ? new int[] {0}
                    : java.util.stream.IntStream.range(0, cores).filter(c -> c != schedulerCore).toArray();
        }
        for (int core : chosen) {
            if (core >= cores || (core == schedulerCore && cores > 1)) {
                throw new IllegalArgumentException("worker core " + core + " is not a core other than the scheduler's"
                        + " (" + schedulerCore + ") in 0.." + (cores - 1));
            }
        }
        return new EngineSettings(schedulerCore, chosen, DEFAULT_POLL_INTERVAL_NANOS, IdleStrategy.DEFAULT,
                SpinThenPark.DEFAULT_SPIN_NANOS, true);
    }

    /** A copy with another idle strategy. */
    public EngineSettings withIdleStrategy(String name) {
        return new EngineSettings(schedulerCore, workerCores, pollIntervalNanos, name, kthreadSpinNanos, pin);
    }

    /** A copy with another poll interval. */
    public EngineSettings withPollInterval(long nanos) {
        return new EngineSettings(schedulerCore, workerCores, nanos, idleStrategy, kthreadSpinNanos, pin);
    }

    /** A copy with pinning on or off. */
    public EngineSettings withPinning(boolean on) {
        return new EngineSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos, on);
    }

    /** The worker cores; a copy. */
    @Override
    public int[] workerCores() {
        return workerCores.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EngineSettings that && schedulerCore == that.schedulerCore
                && Arrays.equals(workerCores, that.workerCores) && pollIntervalNanos == that.pollIntervalNanos
                && idleStrategy.equals(that.idleStrategy) && kthreadSpinNanos == that.kthreadSpinNanos
                && pin == that.pin;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(workerCores) * 31 + Long.hashCode(pollIntervalNanos) + schedulerCore;
    }

    @Override
    public String toString() {
        return "EngineSettings[scheduler core " + schedulerCore + ", workers " + Arrays.toString(workerCores)
                + ", poll " + pollIntervalNanos + " ns, idle " + idleStrategy + ", spin " + kthreadSpinNanos
                + " ns, pin " + pin + "]";
    }
}
