package org.danian.framework.engine;

import org.danian.framework.flight.CoreGrantEvent;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreSet;

/**
 * The kernel's {@link AllocationContext}: what the active core allocator sees (owners,
 * counts, idle kthreads) and the two levers it pulls, {@link #grant} and {@link #reclaim},
 * carried out by the {@link Engine}.
 *
 * <p>Queries on objects that are not this kernel's live procs answer "none" rather than throw
 * (an allocator may keep a view of a proc that has since closed). Scheduler thread only;
 * allocation-free.
 */
final class AllocatorHost implements AllocationContext {

    private final ProcTable table;
    private final Engine engine;
    private final KernelMetrics metrics;
    private final CoreBitSet schedulable;

    AllocatorHost(ProcTable table, Engine engine, KernelMetrics metrics) {
        this.table = table;
        this.engine = engine;
        this.metrics = metrics;
        this.schedulable = new CoreBitSet(table.topology().coreCount());
        for (int core : engine.workers()) {
            schedulable.add(core);
        }
    }

    @Override
    public CoreTopology topology() {
        return table.topology();
    }

    @Override
    public CoreSet schedulableCores() {
        return schedulable;
    }

    @Override
    public ProcView owner(int core) {
        if (!engine.isWorker(core)) {
            return null;
        }
        KThreadEntry kthread = table.onCore(core);
        return kthread == null ? null : kthread.proc();
    }

    @Override
    public int coresHeld(ProcView proc) {
        ProcEntry entry = ours(proc);
        return entry == null ? 0 : entry.coresHeld;
    }

    @Override
    public boolean hasIdleKThread(ProcView proc) {
        ProcEntry entry = ours(proc);
        return entry != null && !entry.retiring && entry.idle.size() > 0;
    }

    @Override
    public boolean isIdle(KThreadView kthread) {
        return kthread instanceof KThreadEntry entry && ours(entry.proc()) != null && entry.idle;
    }

    /**
     * Refused, changing nothing, for the SPI's reasons, and also while a switch is in flight
     * on the core (Caladan queues one pending switch; one in flight is enough to keep every
     * posted kthread woken exactly once).
     */
    @Override
    public boolean grant(int core, ProcView proc) {
        ProcEntry entry = ours(proc);
        if (!engine.isWorker(core) || entry == null || entry.retiring
                || entry.idle.size() == 0 || entry.coresHeld >= entry.spec().maxCores()) {
            return false;
        }
        KThreadEntry owner = table.onCore(core);
        if (owner != null && owner.proc() == entry) {
            return false;
        }
        if (engine.slot(core).leaving != null) {
            metrics.busyCoreRefusal();
            return false;
        }
        engine.grant(entry, core, CoreGrantEvent.Reason.ALLOCATOR);
        return true;
    }

    @Override
    public boolean reclaim(int core) {
        return engine.isWorker(core) && engine.reclaim(core);
    }

    private ProcEntry ours(ProcView proc) {
        return proc instanceof ProcEntry entry && entry.table() == table && entry.live ? entry : null;
    }
}
