package org.danian.framework.engine;

import org.danian.framework.runtime.ProcRuntime;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * The kernel's record of one proc, and the view policies see. Fields other than the
 * identity are written on the scheduler thread only (ordering as in {@link KThreadEntry}).
 */
final class ProcEntry implements ProcView {

    private final ProcTable table;
    private final int id;
    private final ProcSpec spec;
    private final KThreadEntry[] kthreads;
    final IdleList idle = new IdleList();
    /** The active policy's picker for this proc; null while no policy is active. */
    ThreadPicker picker;
    boolean live = true;
    /** The kthreads' threads and queues; set by the scheduler right after the proc is added. */
    ProcRuntime runtime;
    /** Cores whose owner is one of this proc's kthreads (running or being switched in). */
    int coresHeld;
    /** Granted a core since the last slow pass: skip its next congestion decision. */
    boolean waking;
    /** Closing: drained, no more grants, waiting for its kthreads to park. */
    boolean retiring;
    /** When the current congestion was first detected; {@link #NOT_CONGESTED} if none. */
    long congestedSince = NOT_CONGESTED;
    /** The queueing delay the last slow pass measured. */
    long delayNanos;

    static final long NOT_CONGESTED = Long.MIN_VALUE;

    ProcEntry(ProcTable table, int id, ProcSpec spec) {
        this.table = table;
        this.id = id;
        this.spec = spec;
        this.kthreads = new KThreadEntry[spec.kthreads()];
        for (int i = 0; i < kthreads.length; i++) {
            kthreads[i] = new KThreadEntry(this, i);
        }
    }

    /** The table (hence the kernel) this proc belongs to. */
    ProcTable table() {
        return table;
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
    public KThreadEntry kthread(int id) {
        return kthreads[id];
    }

    /** Whether it has work queued and holds no core: only a grant can get that work run. */
    boolean waitsForCore() {
        return coresHeld == 0 && runtime.hasQueuedWork();
    }

    @Override
    public String toString() {
        return "proc " + id + " '" + spec.name() + "'";
    }
}
