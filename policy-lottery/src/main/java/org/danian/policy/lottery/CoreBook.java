package org.danian.policy.lottery;

import org.danian.spi.KThreadView;
import org.danian.spi.alloc.CoreSet;

/**
 * Who owns each schedulable core, by the {@code lottery} allocator's own account (kept equal
 * to the kernel's {@code AllocationContext.owner}), how many are idle, and how many cores
 * best-effort procs hold beyond their guarantees (what latency-critical procs may take).
 * Arrays indexed by core number, sized once; nothing allocates. Scheduler thread only.
 */
final class CoreBook {

    private final LotteryProc[] owner;
    private final boolean[] schedulable;
    private final int[] schedulableCores;
    private int idle;
    private int bestEffortSurplus;

    CoreBook(int coreCount, CoreSet schedulableSet) {
        this.owner = new LotteryProc[coreCount];
        this.schedulable = new boolean[coreCount];
        this.schedulableCores = new int[schedulableSet.size()];
        for (int i = 0; i < schedulableCores.length; i++) {
            schedulableCores[i] = schedulableSet.core(i);
            schedulable[schedulableCores[i]] = true;
        }
        this.idle = schedulableCores.length;
    }

    int schedulableCount() {
        return schedulableCores.length;
    }

    /** The {@code index}-th schedulable core, ascending. */
    int schedulableCore(int index) {
        return schedulableCores[index];
    }

    boolean isSchedulable(int core) {
        return core >= 0 && core < schedulable.length && schedulable[core];
    }

    LotteryProc owner(int core) {
        return owner[core];
    }

    int idleCount() {
        return idle;
    }

    /** Whether some best-effort proc holds a core beyond its guarantee. */
    boolean hasBestEffortSurplus() {
        return bestEffortSurplus > 0;
    }

    /** {@code core} now belongs to {@code proc} (taken from its former owner, if any). */
    void assign(int core, LotteryProc proc) {
        release(core);
        idle--;
        change(proc, +1);
        owner[core] = proc;
    }

    /** {@code core} has no owner any more; nothing happens if it had none. */
    void release(int core) {
        LotteryProc former = owner[core];
        if (former != null) {
            change(former, -1);
            owner[core] = null;
            idle++;
        }
    }

    /** The lowest idle core, or {@link KThreadView#NO_CORE}. */
    int firstIdle() {
        for (int core : schedulableCores) {
            if (owner[core] == null) {
                return core;
            }
        }
        return KThreadView.NO_CORE;
    }

    /** The lowest core whose owner {@code requester} may preempt, or {@link KThreadView#NO_CORE}. */
    int firstPreemptibleBy(LotteryProc requester) {
        for (int core : schedulableCores) {
            if (owner[core] != null && owner[core].preemptibleBy(requester)) {
                return core;
            }
        }
        return KThreadView.NO_CORE;
    }

    private void change(LotteryProc proc, int delta) {
        bestEffortSurplus -= proc.surplusForLatencyCritical();
        proc.active += delta;
        bestEffortSurplus += proc.surplusForLatencyCritical();
    }
}
