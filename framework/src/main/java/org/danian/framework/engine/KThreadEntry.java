package org.danian.framework.engine;

import org.danian.kernel.KThreadStatus;
import org.danian.spi.KThreadView;

/**
 * The kernel's record of one kthread, and the view policies see.
 *
 * <p>Memory ordering: every field is written only on the scheduler thread, with plain
 * accesses. Other threads read them only after a kernel call returned to them; the completion
 * of that call (a {@code CompletableFuture}) orders the scheduler thread's writes before the
 * caller's reads.
 *
 * <p>State: a kthread of a live proc is running ({@link #core} is a core), idle ({@link #idle}
 * is true, and it is linked into its proc's {@link IdleList}), or ceding ({@link #cedingCore}
 * is the core it is leaving after a grant gave that core to another proc); exactly one
 * ({@link #state()}).
 */
final class KThreadEntry implements KThreadView {

    private final ProcEntry proc;
    private final int id;

    int lastCore = NO_CORE;
    /** The core this kthread runs on, or {@code NO_CORE} while idle. */
    int core = NO_CORE;
    boolean idle;
    /**
     * The core this kthread is leaving after a grant gave it to another proc (it is then
     * neither running nor idle until the fast pass sees it park), else {@code NO_CORE}.
     */
    int cedingCore = NO_CORE;
    /** Mailbox token of the kthread's runner, set when its proc starts. */
    int token = -1;
    /** Kernel-wide sequence number of the last park; orders the idle set. */
    long parkSequence;
    /** Intrusive links of the proc's idle list: toward older and newer parks. */
    KThreadEntry older;
    KThreadEntry newer;

    KThreadEntry(ProcEntry proc, int id) {
        this.proc = proc;
        this.id = id;
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public ProcEntry proc() {
        return proc;
    }

    @Override
    public int lastCore() {
        return lastCore;
    }

    /** The tickets its proc's spec gives it (one when the spec gives none). */
    @Override
    public int tickets() {
        return proc.spec().kthreadTickets(id);
    }

    boolean running() {
        return core != NO_CORE;
    }

    KThreadStatus.State state() {
        return running() ? KThreadStatus.State.RUNNING
                : idle ? KThreadStatus.State.IDLE : KThreadStatus.State.CEDING;
    }

    @Override
    public String toString() {
        return "kthread " + proc.spec().name() + "/" + id;
    }
}
