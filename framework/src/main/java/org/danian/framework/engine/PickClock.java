package org.danian.framework.engine;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.spi.ProcView;

/**
 * Times one sampled thread pick on the scheduler thread, in wall time ({@link System#nanoTime})
 * and in the thread's CPU time ({@link NativeThreads#currentThreadCpuNanos}, Linux {@code
 * clock_gettime(CLOCK_THREAD_CPUTIME_ID)}), the two costs the Danian paper's Figures 3 and 4
 * compare. The CPU readings bracket the wall readings, so the wall time excludes the CPU
 * clock's cost; the CPU time includes part of it, which {@link #calibrate} measures once so
 * that the metrics can subtract it. Scheduler thread only; allocates nothing.
 */
final class PickClock {

    /** Empty brackets timed by {@link #calibrate}: enough for a stable mean, well under a millisecond. */
    private static final int CALIBRATION_ROUNDS = 2_000;

    private final NativeThreads threads;
    private long cpuStart;
    private long wallStart;

    PickClock(NativeThreads threads) {
        this.threads = threads;
    }

    void start() {
        cpuStart = threads.currentThreadCpuNanos();
        wallStart = System.nanoTime();
    }

    /** Records the pick since {@link #start()} for {@code proc}. */
    void stop(KernelMetrics metrics, ProcView proc) {
        long wall = System.nanoTime() - wallStart;
        long cpuEnd = threads.currentThreadCpuNanos();
        boolean known = cpuStart != NativeThreads.UNKNOWN_CPU_TIME && cpuEnd != NativeThreads.UNKNOWN_CPU_TIME;
        metrics.pickCost(proc, wall, known ? cpuEnd - cpuStart : KernelMetrics.UNKNOWN_CPU);
    }

    /**
     * The mean CPU time an empty bracket measures on the calling thread (two clock reads and
     * two {@code nanoTime} calls): what a sampled pick's CPU time contains besides the pick.
     *
     * @return nanoseconds, or {@link KernelMetrics#UNKNOWN_CPU} if the clock cannot be read
     */
    static long calibrate(NativeThreads threads) {
        long first = threads.currentThreadCpuNanos();
        if (first == NativeThreads.UNKNOWN_CPU_TIME) {
            return KernelMetrics.UNKNOWN_CPU;
        }
        long sum = 0;
        for (int i = 0; i < CALIBRATION_ROUNDS; i++) {
            long before = threads.currentThreadCpuNanos();
            long wallStart = System.nanoTime();
            long wall = System.nanoTime() - wallStart; // the two wall reads a sampled pick makes
            sum += threads.currentThreadCpuNanos() - before + Math.min(wall, 0); // min: 0, keeps the reads
        }
        return sum / CALIBRATION_ROUNDS;
    }
}
