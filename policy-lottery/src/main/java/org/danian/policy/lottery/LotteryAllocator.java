package org.danian.policy.lottery;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.danian.policy.lottery.ProcLottery.Pool;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.alloc.CoreSet;

/**
 * The allocator of {@link LotteryAllocationPolicy}; the policy's header describes the
 * behaviour. Confined to the scheduler thread (the SPI calls every method there), so no field
 * needs a memory-ordering guarantee. After attach, no method allocates: procs are found in an
 * {@link IdentityHashMap} (whose {@code get} allocates nothing) by the views the kernel hands
 * out, which stay the same objects for a proc's life.
 */
final class LotteryAllocator implements CoreAllocator {

    private final AllocationContext context;
    private final Map<ProcView, LotteryProc> procs = new IdentityHashMap<>();
    private final CoreBook cores;
    private final ProcLottery lottery;
    /** Sum of the attached procs' guaranteed cores; never above the schedulable cores. */
    private int reservedCores;
    /** Grants the kernel refused although this allocator expected them to succeed. */
    private long refusedGrants;

    LotteryAllocator(AllocationContext context, SplittableRandom random) {
        this.context = context;
        this.cores = new CoreBook(context.topology().coreCount(), context.schedulableCores());
        this.lottery = new ProcLottery(random);
    }

    /**
     * Reserves the proc's guaranteed cores, or refuses it if all guarantees would exceed the
     * schedulable cores. After a hot swap the proc may already hold cores: they are adopted
     * from {@link AllocationContext#owner}.
     *
     * @throws IllegalStateException if the proc is already attached
     */
    @Override
    public boolean attach(ProcView proc) {
        if (procs.containsKey(proc)) {
            throw new IllegalStateException("proc " + proc.id() + " is already attached");
        }
        LotteryProc attached = new LotteryProc(proc);
        if (reservedCores + attached.guaranteed > cores.schedulableCount()) {
            return false;
        }
        procs.put(proc, attached);
        lottery.add(attached);
        reservedCores += attached.guaranteed;
        for (int i = 0; i < cores.schedulableCount(); i++) {
            int core = cores.schedulableCore(i);
            if (context.owner(core) == proc) {
                cores.assign(core, attached);
            }
        }
        return true;
    }

    /**
     * Forgets the proc: its reservation, its tickets, its slot and any core still booked to
     * it (the kernel already returned them as newly idle).
     *
     * @throws IllegalArgumentException if the proc is not attached
     */
    @Override
    public void detach(ProcView proc) {
        LotteryProc detached = attached(proc);
        stopWaiting(detached);
        for (int i = 0; i < cores.schedulableCount(); i++) {
            int core = cores.schedulableCore(i);
            if (cores.owner(core) == detached) {
                cores.release(core);
            }
        }
        lottery.remove(detached);
        procs.remove(proc);
        reservedCores -= detached.guaranteed;
    }

    /**
     * A congested proc takes part in the next draws (one core per congestion decision: it
     * leaves them when it wins); a calm one leaves them. A congested proc below its guarantee
     * does not wait for a draw: it gets a core at once, by preemption if need be, as in
     * {@code simple}.
     */
    @Override
    public void congestion(ProcView proc, boolean congested, long delayNanos) {
        LotteryProc state = attached(proc);
        if (!congested) {
            stopWaiting(state);
            return;
        }
        if (state.belowGuarantee() && grantGuaranteed(state)) {
            return;
        }
        startWaiting(state);
    }

    /** Work for a proc with no core: as a congestion verdict; the next poll may serve it. */
    @Override
    public void coreNeeded(ProcView proc) {
        congestion(proc, true, 0);
    }

    /**
     * Each newly idle core leaves its owner (whose kthread ran out of work, so it stops
     * waiting); then idle cores are drawn for among all waiting procs, and, while none is
     * idle, cores best-effort procs hold beyond their guarantees are drawn for among the
     * waiting latency-critical procs.
     *
     * @throws IllegalArgumentException if a newly idle core is not schedulable
     */
    @Override
    public void poll(long nowNanos, CoreSet newlyIdle) {
        for (int i = 0; i < newlyIdle.size(); i++) {
            int core = newlyIdle.core(i);
            if (!cores.isSchedulable(core)) {
                throw new IllegalArgumentException("newly idle core " + core + " is not schedulable");
            }
            LotteryProc former = cores.owner(core);
            if (former != null) {
                stopWaiting(former);
                cores.release(core);
            }
        }
        drawForIdleCores();
        drawForPreemptibleCores();
    }

    /** Contended idle cores: each goes to a waiting proc drawn by tickets. */
    private void drawForIdleCores() {
        while (cores.idleCount() > 0 && lottery.hasTickets(Pool.EVERYONE)) {
            LotteryProc winner = lottery.draw(Pool.EVERYONE);
            if (!context.hasIdleKThread(winner.view) || !run(winner, idleCoreFor(winner))) {
                lottery.exclude(winner, Pool.EVERYONE);
            }
        }
        lottery.restoreExcluded();
    }

    /**
     * No idle core, latency-critical procs waiting, best-effort procs above their
     * guarantees: a core of theirs goes to a waiting latency-critical proc drawn by tickets.
     */
    private void drawForPreemptibleCores() {
        while (cores.idleCount() == 0 && cores.hasBestEffortSurplus() && lottery.hasTickets(Pool.LATENCY_CRITICAL)) {
            LotteryProc winner = lottery.draw(Pool.LATENCY_CRITICAL);
            int core = cores.firstPreemptibleBy(winner);
            if (core == KThreadView.NO_CORE || !context.hasIdleKThread(winner.view) || !run(winner, core)) {
                lottery.exclude(winner, Pool.LATENCY_CRITICAL);
            }
        }
        lottery.restoreExcluded();
    }

    /** A guaranteed core for {@code proc}: an idle one, else one it may preempt. */
    private boolean grantGuaranteed(LotteryProc proc) {
        if (proc.atMax() || !context.hasIdleKThread(proc.view)) {
            return false;
        }
        int core = cores.idleCount() > 0 ? idleCoreFor(proc) : cores.firstPreemptibleBy(proc);
        return core != KThreadView.NO_CORE && run(proc, core);
    }

    /**
     * An idle core for {@code proc}: the one an idle kthread of it last ran on, whose caches
     * may still be warm (the thread picker prefers that kthread there), else the lowest.
     */
    private int idleCoreFor(LotteryProc proc) {
        ProcView view = proc.view;
        for (int id = 0; id < view.kthreadCount(); id++) {
            KThreadView kthread = view.kthread(id);
            int last = kthread.lastCore();
            if (last != KThreadView.NO_CORE && cores.isSchedulable(last) && cores.owner(last) == null
                    && context.isIdle(kthread)) {
                return last;
            }
        }
        return cores.firstIdle();
    }

    /** Grants {@code core} to {@code proc}; the winner stops waiting (one core per decision). */
    private boolean run(LotteryProc proc, int core) {
        if (!context.grant(core, proc.view)) {
            refusedGrants++;
            return false;
        }
        cores.assign(core, proc);
        stopWaiting(proc);
        return true;
    }

    private void startWaiting(LotteryProc proc) {
        if (!proc.waiting && !proc.atMax()) {
            proc.waiting = true;
            lottery.enter(proc);
        }
    }

    private void stopWaiting(LotteryProc proc) {
        if (proc.waiting) {
            proc.waiting = false;
            lottery.leave(proc);
        }
    }

    private LotteryProc attached(ProcView proc) {
        LotteryProc state = procs.get(proc);
        if (state == null) {
            throw new IllegalArgumentException("proc " + proc.id() + " is not attached");
        }
        return state;
    }

    /** Cores {@code proc} holds by this allocator's book; -1 if it is not attached. */
    int activeCores(ProcView proc) {
        LotteryProc state = procs.get(proc);
        return state == null ? -1 : state.active;
    }

    /** Whether {@code proc} waits for a core, its tickets in the draws. */
    boolean isWaiting(ProcView proc) {
        LotteryProc state = procs.get(proc);
        return state != null && state.waiting;
    }

    /** Grants the kernel refused although this allocator expected them to succeed. */
    long refusedGrants() {
        return refusedGrants;
    }
}
