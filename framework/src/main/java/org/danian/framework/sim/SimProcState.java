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
    /** Kthreads started on a core and not parked since: how many, and which (Caladan's active threads). */
    int running;
    private final SimKThread[] runningSet;
    /** Requests in its kthreads' run queues (not the ingress queue): zero means nothing to steal. */
    long queuedInRunQueues;
    /** Bit i: kthread i's run queue is not empty (a steal's victims, without visiting empty queues). */
    private final long[] nonEmpty;
    /** Per core: the index of this proc's kthread started there (StealOrder's sibling lookup). */
    final java.util.function.IntUnaryOperator kthreadOnCore;
    final Histogram latency = new Histogram(HIGHEST_NANOS, 3);
    long latencySumNanos;
    long completed;
    long arrived;

    SimProcState(int index, ProcWorkload workload, ProcView view, ProcRuntime runtime, SimKThread[] kthreads,
                 SimKThread[] owners) {
        this.index = index;
        this.runningSet = new SimKThread[kthreads.length];
        this.nonEmpty = new long[(kthreads.length + 63) >>> 6];
        this.kthreadOnCore = core -> {
            SimKThread owner = owners[core];
            return owner != null && owner.proc == index ? owner.runner.kthreadId() : -1;
        };
        this.workload = workload;
        this.view = view;
        this.runtime = runtime;
        this.ingress = runtime.ingress();
        this.kthreads = kthreads;
        // Twice the kthreads: each is in the ring at most once after a compaction, so there is
        // always room for the one being added (even when every kthread spins and it re-enters).
        this.spinning = new int[2 * kthreads.length];
        this.spinSequence = new long[2 * kthreads.length];
    }

    /** {@code kthread} started on a core. */
    void started(SimKThread kthread) {
        kthread.runningSlot = running;
        runningSet[running++] = kthread;
    }

    /** {@code kthread} parked. */
    void left(SimKThread kthread) {
        int slot = kthread.runningSlot;
        SimKThread last = runningSet[--running];
        runningSet[slot] = last;
        last.runningSlot = slot;
        runningSet[running] = null;
        kthread.runningSlot = -1;
    }

    /** The running kthread that serves {@code flow}; there must be one. */
    SimKThread steer(long flow) {
        return runningSet[(int) (flow % running)]; // flows are never negative
    }

    /** Kthread {@code id}'s run queue changed: notes whether it is empty now. */
    void queueChanged(int id) {
        if (kthreads[id].queue.isEmpty()) {
            nonEmpty[id >>> 6] &= ~(1L << id);
        } else {
            nonEmpty[id >>> 6] |= 1L << id;
        }
    }

    /**
     * The first kthread from {@code from} on, wrapping around, whose run queue is not empty;
     * -1 if none is. (Java's shifts take the bit index modulo 64.)
     */
    int nextNonEmpty(int from) {
        int words = nonEmpty.length;
        int word = from >>> 6;
        long bits = nonEmpty[word] & (-1L << from);
        for (int seen = 0; seen <= words; seen++) {
            if (bits != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(bits);
            }
            word = word + 1 == words ? 0 : word + 1;
            bits = nonEmpty[word];
        }
        return -1;
    }

    /** A kthread of this proc (its index in {@link #kthreads}) starts spinning. */
    void spinStarted(int id) {
        if (spinCount == spinning.length) {
            compactSpinning();
        }
        int slot = wrap(spinHead + spinCount++);
        spinning[slot] = id;
        spinSequence[slot] = ++nextSpinSequence;
        kthreads[id].spinSequence = nextSpinSequence;
    }

    /** The kthread that has spun longest and still spins, removed; null if none. */
    SimKThread takeSpinning() {
        while (spinCount > 0) {
            SimKThread kthread = kthreads[spinning[spinHead]];
            long sequence = spinSequence[spinHead];
            spinHead = wrap(spinHead + 1);
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
            int from = wrap(spinHead + i);
            if (stillSpinning(kthreads[spinning[from]], spinSequence[from])) {
                int to = wrap(spinHead + kept++);
                spinning[to] = spinning[from];
                spinSequence[to] = spinSequence[from];
            }
        }
        spinCount = kept;
    }

    /** A ring index below twice the ring's length, folded into it (cheaper than a division). */
    private int wrap(int index) {
        return index >= spinning.length ? index - spinning.length : index;
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
