package org.danian.framework.engine;

import java.util.List;

import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.alloc.CoreSet;

/**
 * The core-allocation seam: every call the kernel makes into the active {@link CoreAllocator},
 * each guarded, and how a policy's allocator is built and switched for its
 * {@link PolicySlot}.
 *
 * <p><b>Build.</b> A new allocator is created and every live proc attached, in creation
 * order; cores keep their owners (the allocator reads them through the context). Creating,
 * an attach that throws, or one that refuses a running proc is a fault: the swap is abandoned.
 * <b>Guard.</b> An allocator that throws is ejected through the slot, whose fallback attaches
 * every live proc; grants it made before failing stand. <b>Without an allocator</b> (every
 * rung of the slot's ladder gone or ejected) the kernel applies a built-in rule, so that work
 * already accepted still runs and a closing proc can drain: at each poll (which follows the
 * iteration's core-needed pass), a proc that has work queued and holds no core gets the lowest
 * idle worker core. It never preempts and never adds a second core; the status warns.
 *
 * <p>Scheduler thread only. The guards are try/catch around each call: free when nothing
 * throws, so the loop's common path pays nothing.
 */
final class AllocatorSeam implements PolicySlot.Seam<CoreAllocator> {

    private final ProcTable table;
    private final AllocationContext context;
    private PolicySlot<CoreAllocator> slot;
    private CoreAllocator active;

    AllocatorSeam(ProcTable table, AllocationContext context) {
        this.table = table;
        this.context = context;
    }

    /** Once, before any other call: the slot this seam serves. */
    void slot(PolicySlot<CoreAllocator> owner) {
        this.slot = owner;
    }

    @Override
    public CoreAllocator build(PolicyEntry entry) {
        CoreAllocator candidate;
        try {
            candidate = entry.coreAllocationPolicy().newAllocator(context);
        } catch (Throwable thrown) {
            throw PolicyFault.of("newAllocator()", thrown);
        }
        if (candidate == null) {
            throw new PolicyFault("newAllocator() returned null");
        }
        List<ProcEntry> procs = table.procs();
        for (int i = 0; i < procs.size(); i++) {
            ProcEntry proc = procs.get(i);
            boolean accepted;
            try {
                accepted = candidate.attach(proc);
            } catch (Throwable thrown) {
                throw PolicyFault.of("attach(" + proc + ")", thrown);
            }
            if (!accepted) {
                throw new PolicyFault("attach(" + proc + ") refused a proc that is already running");
            }
        }
        return candidate;
    }

    @Override
    public void commit(CoreAllocator built) {
        active = built;
    }

    @Override
    public void clear() {
        active = null;
    }

    @Override
    public String withoutPolicy() {
        return "the built-in rule gives a proc with queued work one idle core, no more";
    }

    /** A new live proc; false if the allocator refuses it. */
    boolean attach(ProcEntry proc) {
        if (active == null) {
            return true;
        }
        try {
            return active.attach(proc);
        } catch (Throwable thrown) {
            eject("attach(" + proc + ")", thrown); // the fallback attached every live proc, this one too
            return true;
        }
    }

    void detach(ProcEntry proc) {
        if (active != null) {
            try {
                active.detach(proc);
            } catch (Throwable thrown) {
                eject("detach(" + proc + ")", thrown);
            }
        }
    }

    void congestion(ProcEntry proc, boolean congested, long delayNanos) {
        if (active != null) {
            try {
                active.congestion(proc, congested, delayNanos);
            } catch (Throwable thrown) {
                eject("congestion(" + proc + ")", thrown);
            }
        }
    }

    void coreNeeded(ProcEntry proc) {
        if (active != null) {
            try {
                active.coreNeeded(proc);
            } catch (Throwable thrown) {
                eject("coreNeeded(" + proc + ")", thrown);
            }
        }
    }

    /** The policy pass; after an ejection the fallback polls the cores that are still idle. */
    void poll(long nowNanos, CoreBitSet newlyIdle) {
        while (active != null) {
            try {
                active.poll(nowNanos, newlyIdle);
                return;
            } catch (Throwable thrown) {
                eject("poll()", thrown);
                newlyIdle.retainIdle(table);
            }
        }
        List<ProcEntry> procs = table.procs();
        for (int i = 0; i < procs.size(); i++) {
            grantIdleCore(procs.get(i));
        }
    }

    /**
     * The built-in rule without an allocator: a proc with work queued and no core gets the
     * lowest worker core nobody owns. Allocation-free; the context refuses a proc that is
     * retiring or has no idle kthread.
     */
    private void grantIdleCore(ProcEntry proc) {
        if (!proc.waitsForCore()) {
            return;
        }
        CoreSet cores = context.schedulableCores();
        for (int i = 0; i < cores.size(); i++) {
            int core = cores.core(i);
            if (context.owner(core) == null && context.grant(core, proc)) {
                return;
            }
        }
    }

    private void eject(String during, Throwable thrown) {
        slot.eject(PolicyFault.of(during, thrown)); // rethrows fatal errors
    }
}
