package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/**
 * The kernel's bookkeeping of procs, kthreads and cores: which kthread runs on which core,
 * which are idle (each proc's {@link IdleList}, ordered by a kernel-wide park sequence). It
 * knows nothing of policies. Scheduler thread only (ordering as in {@link KThreadEntry}).
 */
final class ProcTable {

    private final CoreTopology topology;
    private final KThreadEntry[] onCore;
    private final List<ProcEntry> procs = new ArrayList<>();
    private final List<ProcEntry> procsView = Collections.unmodifiableList(procs);
    private int nextProcId;
    private long parkSequence;

    ProcTable(CoreTopology topology) {
        this.topology = topology;
        this.onCore = new KThreadEntry[topology.coreCount()];
    }

    CoreTopology topology() {
        return topology;
    }

    /** Live procs in creation order; a read-only view. */
    List<ProcEntry> procs() {
        return procsView;
    }

    /** Whether a proc has packets in its ingress or tasks in a kthread's queue. Allocation-free. */
    boolean anyQueuedWork() {
        for (int i = 0; i < procs.size(); i++) {
            if (procs.get(i).runtime.hasQueuedWork()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a live proc has work queued but holds no core: the allocator may make its grant
     * only at its next poll ({@code CoreAllocator.coreNeeded} allows that). Allocation-free.
     */
    boolean anyWaitingForCore() {
        for (int i = 0; i < procs.size(); i++) {
            if (procs.get(i).waitsForCore()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds a proc whose kthreads are all idle, parked in id order, never run.
     *
     * @throws IllegalArgumentException if a live proc has the same name
     */
    ProcEntry add(ProcSpec spec) {
        for (ProcEntry proc : procs) {
            if (proc.spec().name().equals(spec.name())) {
                throw new IllegalArgumentException("a proc named '" + spec.name() + "' is already running");
            }
        }
        ProcEntry proc = new ProcEntry(this, nextProcId++, spec);
        for (int id = 0; id < proc.kthreadCount(); id++) {
            appendIdle(proc.kthread(id));
        }
        procs.add(proc);
        return proc;
    }

    /** Removes a live proc; its running kthreads leave their cores. Its idle list is kept. */
    void remove(ProcEntry proc) {
        procs.remove(proc);
        proc.live = false;
        for (int id = 0; id < proc.kthreadCount(); id++) {
            KThreadEntry kthread = proc.kthread(id);
            if (kthread.running()) {
                onCore[kthread.core] = null;
                kthread.core = KThreadView.NO_CORE;
            }
            proc.coresHeld = 0;
        }
    }

    /** Puts a kthread that is not idle at the newest end of its proc's idle list. */
    void appendIdle(KThreadEntry kthread) {
        kthread.parkSequence = ++parkSequence;
        kthread.proc().idle.append(kthread);
    }

    /** Records that an idle kthread, just unlinked from its idle list, now runs on {@code core}. */
    void run(KThreadEntry kthread, int core) {
        kthread.core = core;
        kthread.lastCore = core;
        kthread.parkSequence = 0;
        onCore[core] = kthread;
        kthread.proc().coresHeld++;
    }

    /** Records that a running kthread left its core; returns that core. */
    int leaveCore(KThreadEntry kthread) {
        int core = kthread.core;
        onCore[core] = null;
        kthread.core = KThreadView.NO_CORE;
        kthread.proc().coresHeld--;
        return core;
    }

    /** The kthread running on {@code core}, or null. */
    KThreadEntry onCore(int core) {
        return onCore[core];
    }

    /** @throws IllegalArgumentException unless {@code view} is a live proc of this table */
    ProcEntry live(ProcView view) {
        if (view instanceof ProcEntry proc && proc.table() == this && proc.live) {
            return proc;
        }
        throw new IllegalArgumentException("not a live proc of this kernel: " + view);
    }
}
