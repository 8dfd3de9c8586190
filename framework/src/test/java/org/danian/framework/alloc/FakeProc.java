package org.danian.framework.alloc;

import org.danian.spi.KThreadView;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/** A proc whose kthreads a {@link FakeMachine} runs, parks and moves. */
final class FakeProc implements ProcView {

    private final int id;
    private final ProcSpec spec;
    private final FakeKThread[] kthreads;

    FakeProc(int id, ProcSpec spec) {
        this.id = id;
        this.spec = spec;
        this.kthreads = new FakeKThread[spec.kthreads()];
        for (int i = 0; i < kthreads.length; i++) {
            kthreads[i] = new FakeKThread(this, i);
        }
    }

    /** A latency-critical proc. */
    static FakeProc lc(int id, int kthreads, int guaranteed, int max) {
        return new FakeProc(id, spec("lc-" + id, kthreads, Priority.LATENCY_CRITICAL, guaranteed, max));
    }

    /** A best-effort proc. */
    static FakeProc be(int id, int kthreads, int guaranteed, int max) {
        return new FakeProc(id, spec("be-" + id, kthreads, Priority.BEST_EFFORT, guaranteed, max));
    }

    private static ProcSpec spec(String name, int kthreads, Priority priority, int guaranteed, int max) {
        return new ProcSpec(name, kthreads, priority, guaranteed, max,
                ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, 1);
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

    /** Where a fake kthread is: idle, running on a core, or in transit (neither). */
    enum Where { IDLE, RUNNING, IN_TRANSIT }

    /** A kthread view whose state and last core the {@link FakeMachine} sets. */
    static final class FakeKThread implements KThreadView {
        private final FakeProc proc;
        private final int id;
        int lastCore = NO_CORE;
        Where where = Where.IDLE;

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

        @Override
        public String toString() {
            return proc + "/" + id + "@" + lastCore + " " + where;
        }
    }
}
