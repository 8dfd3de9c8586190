package org.danian.framework.sim;

import org.HdrHistogram.Histogram;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.TaskQueue;
import org.danian.spi.ProcView;

/** One simulated proc: the kernel's view of it, its real runtime, and what the run measures. */
final class SimProcState {

    /** Highest latency the histograms track: 100 s of virtual time, far beyond any run's. */
    private static final long HIGHEST_NANOS = 100_000_000_000L;

    final int index;
    final ProcWorkload workload;
    final ProcView view;
    final ProcRuntime runtime;
    final TaskQueue ingress;
    final SimKThread[] kthreads;
    /** Kthreads spinning without work, oldest first (lazy: entries no longer spinning are skipped). */
    private final int[] spinning;
    private final long[] spinSequence;
    private long nextSpinSequence;
    private int spinHead;
    private int spinCount;
    /** Kthreads started on a core and not parked since. */
    int running;
    final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    long latencySumNanos;
    long completed;
    long arrived;

    SimProcState(int index, ProcWorkload workload, ProcView view, ProcRuntime runtime, SimKThread[] kthreads) {
        this.index = index;
        this.workload = workload;
        this.view = view;
        this.runtime = runtime;
        this.ingress = runtime.ingress();
        this.kthreads = kthreads;
        this.spinning = new int[kthreads.length];
        this.spinSequence = new long[kthreads.length];
    }

    /** A kthread of this proc (its index in {@link #kthreads}) starts spinning. */
    void spinStarted(int id) {
        if (spinCount == spinning.length) {
            compactSpinning();
        }
        int slot = (spinHead + spinCount++) % spinning.length;
        spinning[slot] = id;
        spinSequence[slot] = ++nextSpinSequence;
        kthreads[id].spinSequence = nextSpinSequence;
    }

    /** The kthread that has spun longest and still spins, removed; null if none. */
    SimKThread takeSpinning() {
        while (spinCount > 0) {
            SimKThread kthread = kthreads[spinning[spinHead]];
            long sequence = spinSequence[spinHead];
            spinHead = (spinHead + 1) % spinning.length;
            spinCount--;
            if (stillSpinning(kthread, sequence)) {
                return kthread;
            }
        }
        return null;
    }

    /** Drops entries of kthreads that no longer spin (afterwards each kthread is in the ring at most once). */
    private void compactSpinning() {
        int kept = 0;
        for (int i = 0; i < spinCount; i++) {
            int from = (spinHead + i) % spinning.length;
            if (stillSpinning(kthreads[spinning[from]], spinSequence[from])) {
                int to = (spinHead + kept++) % spinning.length;
                spinning[to] = spinning[from];
                spinSequence[to] = spinSequence[from];
            }
        }
        spinCount = kept;
    }

    /** Whether a ring entry is the kthread's current spell of spinning, not yet woken. */
    private static boolean stillSpinning(SimKThread kthread, long sequence) {
        return kthread.state == SimKThread.SPINNING && !kthread.woken && kthread.spinSequence == sequence;
    }

    void record(long latencyNanos) {
        latency.recordValue(Math.min(latencyNanos, HIGHEST_NANOS));
        latencySumNanos += latencyNanos;
    }
}
