package org.danian.framework.alloc;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.alloc.CoreSet;

/**
 * Per core: its owner, its last few owners, and whether it is idle (Caladan simple.c's
 * {@code cores[]}, {@code hist[][]} and {@code simple_idle_cores}). The owners' active
 * counts change here and only here, so they stay the kernel's
 * {@link org.danian.spi.alloc.AllocationContext#coresHeld} as long as every grant and every
 * newly idle core passes through the ledger.
 *
 * <p>Flat arrays indexed by core; nothing allocates after construction. Confined to the
 * scheduler thread.
 */
final class CoreLedger {

    /** Owners remembered per core (simple.c's {@code NHIST}). */
    static final int HISTORY = 4;

    private final CoreTopology topology;
    private final int[] schedulable;
    private final boolean[] isSchedulable;
    private final SimpleProc[] owner;
    /** {@code history[core * HISTORY + age]}; age 0 is the most recent former owner. */
    private final SimpleProc[] history;
    /** Bit set of schedulable cores with no owner. */
    private final long[] idle;

    CoreLedger(CoreTopology topology, CoreSet schedulableCores) {
        int cores = topology.coreCount();
        this.topology = topology;
        this.schedulable = new int[schedulableCores.size()];
        this.isSchedulable = new boolean[cores];
        this.owner = new SimpleProc[cores];
        this.history = new SimpleProc[cores * HISTORY];
        this.idle = new long[(cores + 63) >>> 6];
        for (int i = 0; i < schedulable.length; i++) {
            int core = schedulableCores.core(i);
            if (core < 0 || core >= cores) {
                throw new IllegalArgumentException("schedulable core " + core
                        + " is not in the topology (cores 0.." + (cores - 1) + ")");
            }
            schedulable[i] = core;
            isSchedulable[core] = true;
            idle[core >>> 6] |= 1L << core;
        }
    }

    /** Number of cores the kernel may give to procs. */
    int schedulableCount() {
        return schedulable.length;
    }

    /** The {@code index}-th schedulable core, ascending. */
    int schedulableCore(int index) {
        return schedulable[index];
    }

    /** Whether {@code core} is a core of the machine the kernel may give to procs. */
    boolean isSchedulable(int core) {
        return core >= 0 && core < isSchedulable.length && isSchedulable[core];
    }

    /**
     * The sibling of {@code core}, or {@link KThreadView#NO_CORE} if it has none or
     * {@code core} is not a core of the machine (a kthread's last core comes from the kernel).
     */
    int sibling(int core) {
        return core >= 0 && core < owner.length ? topology.sibling(core) : KThreadView.NO_CORE;
    }

    /** The proc that owns {@code core}, or null. */
    SimpleProc owner(int core) {
        return owner[core];
    }

    /** The owner of {@code core} {@code age} changes ago (0 = the last one), or null. */
    SimpleProc formerOwner(int core, int age) {
        return history[core * HISTORY + age];
    }

    /** The lowest-numbered idle schedulable core, or {@link KThreadView#NO_CORE}. */
    int firstIdle() {
        for (int word = 0; word < idle.length; word++) {
            if (idle[word] != 0) {
                return (word << 6) + Long.numberOfTrailingZeros(idle[word]);
            }
        }
        return KThreadView.NO_CORE;
    }

    /** Whether {@code core} is schedulable and owned by nobody. */
    boolean isIdle(int core) {
        return isSchedulable(core) && (idle[core >>> 6] & (1L << core)) != 0;
    }

    /**
     * {@code proc} now owns {@code core} (a grant, or a core found held when the proc was
     * attached); a previous owner loses it and enters the core's history.
     */
    void assign(int core, SimpleProc proc) {
        retireOwner(core);
        owner[core] = proc;
        proc.active++;
        idle[core >>> 6] &= ~(1L << core);
    }

    /** {@code core} became idle: its owner, if any, loses it and enters its history. */
    void release(int core) {
        retireOwner(core);
        idle[core >>> 6] |= 1L << core;
    }

    /** Forgets {@code proc} everywhere (simple.c's {@code simple_detach}). */
    void forget(SimpleProc proc) {
        for (int core : schedulable) {
            if (owner[core] == proc) {
                release(core);
            }
        }
        for (int i = 0; i < history.length; i++) {
            if (history[i] == proc) {
                history[i] = null;
            }
        }
    }

    private void retireOwner(int core) {
        SimpleProc former = owner[core];
        if (former == null) {
            return;
        }
        former.active--;
        owner[core] = null;
        int base = core * HISTORY;
        System.arraycopy(history, base, history, base + 1, HISTORY - 1);
        history[base] = former;
    }
}
