package org.danian.spi.alloc.testing;

import org.danian.spi.KThreadView;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/**
 * A proc for allocator tests, whose kthreads a {@link FakeMachine} runs, parks and moves. It
 * has no real threads: a {@link FakeKThread} is only a place ({@link Where}) and a last core.
 */
public final class FakeProc implements ProcView {

    private final int id;
    private final ProcSpec spec;
    private final FakeKThread[] kthreads;

    /** A proc with {@code spec.kthreads()} kthreads, all idle and never run. */
    public FakeProc(int id, ProcSpec spec) {
        this.id = id;
        this.spec = spec;
        this.kthreads = new FakeKThread[spec.kthreads()];
        for (int i = 0; i < kthreads.length; i++) {
            kthreads[i] = new FakeKThread(this, i);
        }
    }

    /** A latency-critical proc named {@code lc-<id>}, with one ticket. */
    public static FakeProc lc(int id, int kthreads, int guaranteed, int max) {
        return lc(id, kthreads, guaranteed, max, 1);
    }

    /** A latency-critical proc named {@code lc-<id>}. */
    public static FakeProc lc(int id, int kthreads, int guaranteed, int max, int tickets) {
        return new FakeProc(id, spec("lc-" + id, kthreads, Priority.LATENCY_CRITICAL, guaranteed, max, tickets));
    }

    /** A best-effort proc named {@code be-<id>}, with one ticket. */
    public static FakeProc be(int id, int kthreads, int guaranteed, int max) {
        return be(id, kthreads, guaranteed, max, 1);
    }

    /** A best-effort proc named {@code be-<id>}. */
    public static FakeProc be(int id, int kthreads, int guaranteed, int max, int tickets) {
        return new FakeProc(id, spec("be-" + id, kthreads, Priority.BEST_EFFORT, guaranteed, max, tickets));
    }

    private static ProcSpec spec(String name, int kthreads, Priority priority, int guaranteed, int max,
            int tickets) {
        return new ProcSpec(name, kthreads, priority, guaranteed, max,
                ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, tickets);
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
    public enum Where {
        /** In its proc's idle set: a grant may choose it. */
        IDLE,
        /** Running, on a core of the {@link FakeMachine} or (set by the test) elsewhere. */
        RUNNING,
        /** Ceding a core it was preempted from: neither running nor idle yet. */
        IN_TRANSIT
    }

    /** A kthread view whose place and last core the {@link FakeMachine} sets. */
    public static final class FakeKThread implements KThreadView {
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

        /** One ticket: the fake models core allocation, not ticket-weighted thread picks. */
        @Override
        public int tickets() {
            return 1;
        }

        /**
         * Sets the core the kthread last ran on, as a history from before the test (the
         * machine sets it on every grant and {@link FakeMachine#place}).
         */
        public void lastCore(int core) {
            this.lastCore = core;
        }

        /** Where the kthread is now. */
        public Where where() {
            return where;
        }

        /**
         * Moves the kthread to {@code where} without touching any core, for a state the
         * machine's own moves do not reach: a kthread still ceding a core from before the test
         * ({@link Where#IN_TRANSIT}), one running outside the machine ({@link Where#RUNNING}),
         * or one whose cede has just completed ({@link Where#IDLE}). Keeping this consistent
         * with the cores the machine says the kthread runs on is the test's business.
         */
        public void moveTo(Where where) {
            this.where = where;
        }

        @Override
        public String toString() {
            return proc + "/" + id + "@" + lastCore + " " + where;
        }
    }
}
