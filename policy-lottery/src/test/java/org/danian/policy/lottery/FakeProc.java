package org.danian.policy.lottery;

import org.danian.spi.KThreadView;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/** A proc for allocator tests, whose kthreads a {@link FakeKernel} runs and parks. */
final class FakeProc implements ProcView {

    private final int id;
    private final ProcSpec spec;
    private final FakeKThread[] kthreads;

    FakeProc(int id, Priority priority, int kthreads, int guaranteed, int max, int tickets) {
        this.id = id;
        this.spec = new ProcSpec((priority == Priority.LATENCY_CRITICAL ? "lc-" : "be-") + id, kthreads, priority,
                guaranteed, max, ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, tickets);
        this.kthreads = new FakeKThread[kthreads];
        for (int i = 0; i < kthreads; i++) {
            this.kthreads[i] = new FakeKThread(this, i);
        }
    }

    /** A latency-critical proc. */
    static FakeProc lc(int id, int kthreads, int guaranteed, int max, int tickets) {
        return new FakeProc(id, Priority.LATENCY_CRITICAL, kthreads, guaranteed, max, tickets);
    }

    /** A best-effort proc. */
    static FakeProc be(int id, int kthreads, int guaranteed, int max, int tickets) {
        return new FakeProc(id, Priority.BEST_EFFORT, kthreads, guaranteed, max, tickets);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public ProcSpec spec() {
        return spec;
    }

    @Override
    public int kthreadCount() {
        return kthreads.length;
    }

    @Override
    public FakeKThread kthread(int id) {
        return kthreads[id];
    }

    @Override
    public String toString() {
        return spec.name();
    }

    /** A kthread whose state and last core the {@link FakeKernel} sets. */
    static final class FakeKThread implements KThreadView {
        private final FakeProc proc;
        private final int id;
        int lastCore = NO_CORE;
        boolean idle = true;

        FakeKThread(FakeProc proc, int id) {
            this.proc = proc;
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public FakeProc proc() {
            return proc;
        }

        @Override
        public int lastCore() {
            return lastCore;
        }

        @Override
        public int tickets() {
            return 1;
        }
    }
}
