package org.danian.spi.pick.contract;

import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/** A proc for tests and benchmarks, with {@link TestKThread}s whose last core tests set. */
public final class TestProc implements ProcView {

    private final int id;
    private final ProcSpec spec;
    private final TestKThread[] kthreads;

    /** A proc of {@code kthreads} kthreads with one ticket each. */
    public TestProc(int id, int kthreads) {
        this(id, kthreads, new int[0]);
    }

    /**
     * A proc whose kthread {@code i} has {@code tickets[i]} tickets (1 for indices past the
     * array's end).
     */
    public TestProc(int id, int kthreads, int[] tickets) {
        this.id = id;
        this.spec = ProcSpec.latencyCritical("proc-" + id, kthreads);
        this.kthreads = new TestKThread[kthreads];
        for (int i = 0; i < kthreads; i++) {
            this.kthreads[i] = new TestKThread(this, i, i < tickets.length ? tickets[i] : 1);
        }
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
    public TestKThread kthread(int id) {
        return kthreads[id];
    }

    /** A mutable kthread view; {@link #lastCore(int)} plays the kernel's part. */
    public static final class TestKThread implements KThreadView {
        private final TestProc proc;
        private final int id;
        private final int tickets;
        private int lastCore = NO_CORE;

        TestKThread(TestProc proc, int id, int tickets) {
            this.proc = proc;
            this.id = id;
            this.tickets = tickets;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public TestProc proc() {
            return proc;
        }

        @Override
        public int lastCore() {
            return lastCore;
        }

        /** Sets the core this kthread last ran on, as the kernel does when it runs it. */
        public void lastCore(int core) {
            this.lastCore = core;
        }

        @Override
        public int tickets() {
            return tickets;
        }

        @Override
        public String toString() {
            return "kthread " + proc.id() + "/" + id + "@" + lastCore;
        }
    }
}
