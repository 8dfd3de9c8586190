package org.danian.framework.affinity;

/** CPU-bound work for tests that need the thread's CPU clock to move. */
final class BusyWork {

    static volatile long sink;

    private BusyWork() {
    }

    /** Computes until the calling thread's CPU time passes {@code cpuNanos}, at most 10^9 rounds. */
    static void spinUntilCpuTimePasses(NativeThreads threads, long cpuNanos) {
        long accumulator = 1;
        for (int round = 0; round < 1_000_000_000; round++) {
            accumulator = accumulator * 6364136223846793005L + 1442695040888963407L;
            if ((round & 0xfff) == 0 && threads.currentThreadCpuNanos() > cpuNanos) {
                break;
            }
        }
        sink = accumulator;
    }
}
