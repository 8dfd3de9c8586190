package org.danian.framework.alloc;

import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;

/**
 * Which core a proc that needs one should get (Caladan simple.c's {@code simple_choose_core}):
 * a ladder of rungs from the warmest caches to the bluntest means, stopping at the first rung
 * that yields a core.
 *
 * <p>A core is <em>usable</em> by a proc on a rung if it is schedulable, not already the
 * proc's, and either idle or held by an owner the proc may preempt
 * ({@link SimpleProc#preemptibleBy}). As in simple.c, the locality rungs (1 and 2) accept a
 * preemptible core even while another core is idle: locality first.
 *
 * <p>Cost: O(schedulable cores + kthreads of the proc); allocates nothing. Confined to the
 * scheduler thread.
 */
final class CoreLadder {

    private final AllocationContext context;
    private final CoreLedger ledger;

    CoreLadder(AllocationContext context, CoreLedger ledger) {
        this.context = context;
        this.ledger = ledger;
    }

    /** The core {@code proc} should get, or {@link KThreadView#NO_CORE} if none may be had. */
    int chooseFor(SimpleProc proc) {
        // Rung 1: the hyperthread sibling of a core the proc already runs on; the two
        // kthreads share L1/L2, and the proc's data is already warm there.
        int core = siblingOfHeldCore(proc);
        if (core != KThreadView.NO_CORE) {
            return core;
        }
        // Rung 2: the core one of its idle kthreads last ran on, or that core's sibling; the
        // thread picker prefers exactly that kthread for that core, so its caches are warm.
        core = lastCoreOfIdleKThread(proc);
        if (core != KThreadView.NO_CORE) {
            return core;
        }
        // Rung 3: any idle core, the lowest numbered; nobody has to cede.
        core = ledger.firstIdle();
        if (core != KThreadView.NO_CORE) {
            return core;
        }
        // Rung 4: any core whose owner the proc may preempt, the lowest numbered.
        return firstPreemptible(proc);
    }

    private int siblingOfHeldCore(SimpleProc proc) {
        for (int i = 0; i < ledger.schedulableCount(); i++) {
            int core = ledger.schedulableCore(i);
            if (ledger.owner(core) != proc) {
                continue;
            }
            int sibling = ledger.sibling(core);
            if (usable(sibling, proc)) {
                return sibling;
            }
        }
        return KThreadView.NO_CORE;
    }

    /**
     * Kthreads are visited by id: the SPI does not expose park order, which simple.c walks
     * (most recently parked first). Either order yields a core some idle kthread last used.
     */
    private int lastCoreOfIdleKThread(SimpleProc proc) {
        ProcView view = proc.view;
        for (int id = 0; id < view.kthreadCount(); id++) {
            KThreadView kthread = view.kthread(id);
            if (!context.isIdle(kthread)) {
                continue;
            }
            int last = kthread.lastCore();
            if (last == KThreadView.NO_CORE) {
                continue;
            }
            if (usable(last, proc)) {
                return last;
            }
            // The sibling shares L1/L2 with the last core: equally warm.
            int sibling = ledger.sibling(last);
            if (usable(sibling, proc)) {
                return sibling;
            }
        }
        return KThreadView.NO_CORE;
    }

    private int firstPreemptible(SimpleProc proc) {
        for (int i = 0; i < ledger.schedulableCount(); i++) {
            int core = ledger.schedulableCore(i);
            SimpleProc owner = ledger.owner(core);
            if (owner != null && owner.preemptibleBy(proc)) {
                return core;
            }
        }
        return KThreadView.NO_CORE;
    }

    private boolean usable(int core, SimpleProc proc) {
        if (!ledger.isSchedulable(core)) {
            return false;
        }
        SimpleProc owner = ledger.owner(core);
        return owner == null || owner.preemptibleBy(proc);
    }
}
