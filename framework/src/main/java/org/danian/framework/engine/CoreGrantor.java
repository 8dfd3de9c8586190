package org.danian.framework.engine;

import org.danian.framework.flight.CoreGrantEvent;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.CoreMailbox;
import org.danian.framework.runtime.RuntimeContext;

/**
 * How the kernel gives a worker core to a proc and asks for it back (Caladan's
 * {@code sched_run_on_core} and the cede request, iokernel/sched.c; OSDI'20 §4): the switch
 * of owners in the {@link ProcTable} and the {@link CoreSlot}, the pick, the post in the
 * core's mailbox and the wake-up. The {@link Engine}'s fast rewake and the allocator, through
 * {@link AllocatorHost}, are its callers. Allocation-free unless a policy breaks its contract;
 * scheduler thread only.
 */
final class CoreGrantor {

    /**
     * One grant in 64 records its pick's cost (two CPU-clock reads besides the two wall-clock
     * reads every pick makes, see {@link PickSeam}), so sampling stays off the common path.
     */
    private static final long PICK_COST_SAMPLE_MASK = 63;

    private final ProcTable table;
    private final PickSeam picks;
    private final RuntimeContext runtime;
    private final WorkerCores cores;
    private final KernelMetrics metrics;
    /** Grants since the kernel started, for sampling one pick in 64 and telling progress. */
    private long grants;

    CoreGrantor(ProcTable table, PickSeam picks, RuntimeContext runtime, WorkerCores cores, KernelMetrics metrics) {
        this.table = table;
        this.picks = picks;
        this.runtime = runtime;
        this.cores = cores;
        this.metrics = metrics;
    }

    /** Grants issued since the kernel started. */
    long grants() {
        return grants;
    }

    /**
     * Runs {@code proc} on {@code core}, checked by {@link AllocatorHost}: the picker chooses
     * through the guarded path, the kernel posts it in the core's mailbox and wakes it (or,
     * if another kthread holds the core, asks that one to cede; it hands over when it parks).
     */
    void grant(ProcEntry proc, int core, CoreGrantEvent.Reason reason, long now) {
        CoreSlot slot = cores.slot(core);
        CoreMailbox mailbox = runtime.mailbox(core);
        KThreadEntry previous = table.onCore(core);
        if (previous != null) {
            table.leaveCore(previous);
            previous.cedingCore = core;
            slot.leaving = previous;
            slot.leavingGeneration = slot.generation;
            runtime.requestCede(core, slot.generation);
            metrics.preemption();
            metrics.coresHeld(previous.proc(), previous.proc().coresHeld, now);
        }
        KThreadEntry chosen = picks.pick(proc, core, (grants & PICK_COST_SAMPLE_MASK) == 0);
        proc.idle.remove(chosen);
        int previousLastCore = chosen.lastCore;
        metrics.grant(chosen, core, previousLastCore, previousLastCore == core);
        table.run(chosen, core);
        metrics.coresHeld(proc, proc.coresHeld, now);
        proc.waking = true;
        grants++;
        long generation = mailbox.post(chosen.token);
        slot.generation = generation;
        slot.started = false;
        slot.reclaiming = false;
        slot.grantedNanos = now;
        slot.congestionNanos = proc.congestedSince != ProcEntry.NOT_CONGESTED ? proc.congestedSince : now;
        proc.congestedSince = ProcEntry.NOT_CONGESTED;
        CoreGrantEvent.emit(proc.spec().name(), proc.id(), core, chosen.id(), reason, previous != null,
                now - slot.congestionNanos);
        // Claim even after asking a holder to cede: it may have parked already, unseen.
        if (mailbox.tryClaimWake(generation)) {
            metrics.handOffs().kthreadWake(); // before the wake: no reply can be seen ahead of its count
            proc.runtime.runner(chosen.id()).wake(core, generation);
        }
    }

    /** Asks the owner of {@code core} to cede; false if there is none or a switch is in flight. */
    boolean reclaim(int core) {
        CoreSlot slot = cores.slot(core);
        if (slot.generation == CoreSlot.NO_GENERATION || slot.leaving != null || slot.reclaiming) {
            return false;
        }
        slot.reclaiming = true;
        runtime.requestCede(core, slot.generation);
        metrics.reclaim();
        return true;
    }
}
