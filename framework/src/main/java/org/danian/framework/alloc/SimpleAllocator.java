package org.danian.framework.alloc;

import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.alloc.CoreSet;

/**
 * The allocator of {@link SimpleAllocationPolicy}: Caladan's simple.c on Danian's SPI. The
 * policy's header describes the behaviour; this class wires the parts: a {@link ProcsById}
 * of attached procs, the {@link CongestedProcs} list, the {@link CoreLedger} of owners and
 * histories, and the {@link CoreLadder} that picks a core for a proc.
 *
 * <p>Confined to the scheduler thread (the SPI calls every method there), so no field needs
 * a memory-ordering guarantee. After attach, no method allocates.
 */
final class SimpleAllocator implements CoreAllocator {

    private final AllocationContext context;
    private final ProcsById procs = new ProcsById();
    private final CongestedProcs congested = new CongestedProcs();
    private final CoreLedger ledger;
    private final CoreLadder ladder;
    /** Sum of the attached procs' guaranteed cores; never above the schedulable cores. */
    private int reservedCores;
    /** Grants the kernel refused although the ledger said they should succeed. */
    private long refusedGrants;

    SimpleAllocator(AllocationContext context) {
        this.context = context;
        this.ledger = new CoreLedger(context.topology(), context.schedulableCores());
        this.ladder = new CoreLadder(context, ledger);
    }

    /**
     * Reserves the proc's guaranteed cores, or refuses it if the guarantees of all attached
     * procs would exceed the schedulable cores (simple.c does not check this; without
     * it a guarantee could not always be honoured by preemption). After a hot swap the proc
     * may already hold cores: the ledger adopts them from {@link AllocationContext#owner}.
     *
     * @throws IllegalStateException if a proc with the same id is attached
     */
    @Override
    public boolean attach(ProcView proc) {
        SimpleProc attached = new SimpleProc(proc);
        if (procs.get(proc.id()) != null) {
            throw new IllegalStateException("proc " + proc.id() + " is already attached");
        }
        if (reservedCores + attached.guaranteed > ledger.schedulableCount()) {
            return false;
        }
        procs.put(attached);
        reservedCores += attached.guaranteed;
        adoptHeldCores(attached);
        return true;
    }

    private void adoptHeldCores(SimpleProc proc) {
        for (int i = 0; i < ledger.schedulableCount(); i++) {
            int core = ledger.schedulableCore(i);
            ProcView owner = context.owner(core);
            if (owner != null && owner.id() == proc.view.id()) {
                ledger.assign(core, proc);
            }
        }
    }

    /**
     * Forgets the proc: its reservation, its place in the congested list, and every trace in
     * the cores' owners and histories.
     *
     * @throws IllegalArgumentException if the proc is not attached
     */
    @Override
    public void detach(ProcView proc) {
        SimpleProc detached = procs.remove(proc.id());
        if (detached == null) {
            throw new IllegalArgumentException("proc " + proc.id() + " is not attached");
        }
        congested.unmark(detached);
        ledger.forget(detached);
        reservedCores -= detached.guaranteed;
    }

    /**
     * simple.c's {@code notify_congested}: a proc that stops being congested leaves the list;
     * one that is congested gets a core at once if the ladder finds one, and otherwise waits
     * in the list for the next idle core. Unlike simple.c, a proc that is already waiting tries
     * the ladder again at every congested verdict. The list is served only when a core becomes
     * newly idle, and a core can go idle at a moment the waiting proc cannot take it: its only
     * kthread was still ceding another core, or the kernel refused the grant because a switch
     * was in flight there. Without the retry that core would stay idle while the proc waits
     * with work for as long as no other core frees up; with it, the proc gets the core at the
     * next interval (and a guarantee missed for want of an idle kthread is honoured then too).
     */
    @Override
    public void congestion(ProcView proc, boolean isCongested, long delayNanos) {
        SimpleProc state = attached(proc);
        if (!isCongested) {
            congested.unmark(state);
        } else if (!addCore(state)) {
            congested.mark(state); // does nothing if it already waits: it keeps its place
        }
    }

    /**
     * simple.c's {@code notify_core_needed}: try to add a core at once; if none can be had,
     * treat the proc as congested so the next idle core goes to it.
     */
    @Override
    public void coreNeeded(ProcView proc) {
        SimpleProc state = attached(proc);
        if (!addCore(state)) {
            congested.mark(state);
        }
    }

    /**
     * simple.c's {@code sched_poll}: each newly idle core leaves its owner (whose kthread ran
     * out of work, so that proc is no longer congested) and goes to the congested proc with
     * the warmest caches there, or stays idle.
     *
     * @throws IllegalArgumentException if a core is not schedulable
     */
    @Override
    public void poll(long nowNanos, CoreSet newlyIdle) {
        for (int i = 0; i < newlyIdle.size(); i++) {
            int core = newlyIdle.core(i);
            if (!ledger.isSchedulable(core)) {
                throw new IllegalArgumentException("newly idle core " + core + " is not schedulable");
            }
            SimpleProc former = ledger.owner(core);
            if (former != null) {
                congested.unmark(former);
            }
            ledger.release(core);
            SimpleProc next = procForIdleCore(core);
            if (next != null) {
                run(next, core);
            }
        }
    }

    /** simple.c's {@code simple_choose_kthread}: which congested proc gets an idle core. */
    private SimpleProc procForIdleCore(int core) {
        int sibling = ledger.sibling(core);
        // Rung 1: the proc running on the sibling, if it needs more; they share L1/L2.
        if (sibling != KThreadView.NO_CORE && mayGrow(ledger.owner(sibling))) {
            return ledger.owner(sibling);
        }
        // Rung 2: a congested proc that ran here or on the sibling recently, most recent
        // first; its data may still be in this core's caches.
        for (int age = 0; age < CoreLedger.HISTORY; age++) {
            if (mayGrow(ledger.formerOwner(core, age))) {
                return ledger.formerOwner(core, age);
            }
            if (sibling != KThreadView.NO_CORE && mayGrow(ledger.formerOwner(sibling, age))) {
                return ledger.formerOwner(sibling, age);
            }
        }
        // Rung 3: the proc that has waited longest.
        for (SimpleProc proc = congested.oldest(); proc != null; proc = proc.later) {
            if (canGrow(proc)) {
                return proc;
            }
        }
        // Rung 4: nobody needs it; it stays idle for the ladder's rung 3.
        return null;
    }

    private boolean mayGrow(SimpleProc proc) {
        return proc != null && proc.congested && canGrow(proc);
    }

    /** Whether a grant to {@code proc} can succeed: below its maximum, with an idle kthread. */
    private boolean canGrow(SimpleProc proc) {
        return !proc.atMax() && context.hasIdleKThread(proc.view);
    }

    /** simple.c's {@code simple_add_kthread}. */
    private boolean addCore(SimpleProc proc) {
        if (!canGrow(proc)) {
            return false;
        }
        int core = ladder.chooseFor(proc);
        return core != KThreadView.NO_CORE && run(proc, core);
    }

    /**
     * Grants {@code core} to {@code proc}; if another proc owns it, the kernel has it cede
     * first ({@link AllocationContext#grant}), and the core changes owner now, as the
     * kernel's {@link AllocationContext#owner} does.
     */
    private boolean run(SimpleProc proc, int core) {
        if (!context.grant(core, proc.view)) {
            refusedGrants++;
            return false;
        }
        ledger.assign(core, proc);
        return true;
    }

    private SimpleProc attached(ProcView proc) {
        SimpleProc state = procs.get(proc.id());
        if (state == null) {
            throw new IllegalArgumentException("proc " + proc.id() + " is not attached");
        }
        return state;
    }

    /** Cores {@code proc} holds by this allocator's ledger; -1 if it is not attached. */
    int activeCores(ProcView proc) {
        SimpleProc state = procs.get(proc.id());
        return state == null ? -1 : state.active;
    }

    /** Whether {@code proc} waits in the congested list. */
    boolean isCongested(ProcView proc) {
        SimpleProc state = procs.get(proc.id());
        return state != null && state.congested;
    }

    /** Grants the kernel refused although the ledger said they should succeed. */
    long refusedGrants() {
        return refusedGrants;
    }
}
