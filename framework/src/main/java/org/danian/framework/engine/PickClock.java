package org.danian.framework.engine;

import java.util.Arrays;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.metrics.KernelMetrics;

/**
 * The scheduler thread's CPU clock ({@link NativeThreads#currentThreadCpuNanos}, Linux {@code
 * clock_gettime(CLOCK_THREAD_CPUTIME_ID)}) for the sampled picks, whose CPU and wall time the
 * Danian paper's Figures 3 and 4 compare. {@link PickSeam} reads it around the pick's
 * wall-clock bracket, so the wall time excludes the CPU clock's cost and the CPU time includes
 * part of it; {@link #calibrate} measures that part once, and {@link KernelMetrics#pickCost}
 * subtracts it from each sample. Scheduler thread only; reading allocates nothing.
 */
final class PickClock {

    /** Empty brackets timed by {@link #calibrate}: enough for a stable median, about a millisecond. */
    private static final int CALIBRATION_ROUNDS = 2_001;

    private final NativeThreads threads;

    PickClock(NativeThreads threads) {
        this.threads = threads;
    }

    /** The calling thread's CPU time, or {@link NativeThreads#UNKNOWN_CPU_TIME}. */
    long cpuNanos() {
        return threads.currentThreadCpuNanos();
    }

    /** CPU time between two readings, or {@link KernelMetrics#UNKNOWN_CPU} if either is unknown. */
    static long between(long cpuStart, long cpuEnd) {
        boolean known = cpuStart != NativeThreads.UNKNOWN_CPU_TIME && cpuEnd != NativeThreads.UNKNOWN_CPU_TIME;
        return known ? cpuEnd - cpuStart : KernelMetrics.UNKNOWN_CPU;
    }

    /**
     * The median CPU time an empty bracket measures on the calling thread (two CPU clock reads
     * around two {@code nanoTime} calls): what a sampled pick's CPU time contains besides the
     * pick. The median, not the mean: a bracket the OS interrupted (a timer tick, a page
     * fault) is far longer than the rest and would shift a mean above most samples.
     *
     * @return nanoseconds, or {@link KernelMetrics#UNKNOWN_CPU} if the clock cannot be read
     */
    static long calibrate(NativeThreads threads) {
        if (threads.currentThreadCpuNanos() == NativeThreads.UNKNOWN_CPU_TIME) {
            return KernelMetrics.UNKNOWN_CPU;
        }
        long[] brackets = new long[CALIBRATION_ROUNDS];
        long sink = 0;
        for (int i = 0; i < CALIBRATION_ROUNDS; i++) {
            long before = threads.currentThreadCpuNanos();
            long wallStart = System.nanoTime();
            sink += System.nanoTime() - wallStart; // the two wall reads a sampled pick makes
            brackets[i] = threads.currentThreadCpuNanos() - before;
        }
        Arrays.sort(brackets);
        return brackets[CALIBRATION_ROUNDS / 2] + (sink < 0 ? 1 : 0); // sink: keeps the wall reads alive
    }
}
