package org.danian.policy.danian;

import java.util.Arrays;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * One proc's state for {@link DanianExactPickPolicy}: the global park-order list and one
 * park-order list per last core, both intrusive over arrays indexed by kthread id, so park,
 * pick and remove allocate nothing and cost O(1).
 */
final class DanianExactPicker implements ThreadPicker {

    private static final int NONE = ParkOrderLists.NONE;
    /** The only list of {@link #parkOrder}. */
    private static final int IDLE_LIST = 0;

    private final ProcView proc;
    private final CoreTopology topology;
    /** Every idle kthread, in park order: Caladan's {@code idle_threads}. */
    private final ParkOrderLists parkOrder;
    /** List {@code c}: the idle kthreads that parked from core {@code c}, in park order. */
    private final ParkOrderLists byLastCore;
    /** The core each idle kthread parked from (its list in {@link #byLastCore}), or NO_CORE. */
    private final int[] parkedCore;
    private final boolean[] idle;
    private int idleCount;

    DanianExactPicker(ProcView proc, CoreTopology topology) {
        this.proc = proc;
        this.topology = topology;
        int kthreads = proc.kthreadCount();
        this.parkOrder = new ParkOrderLists(kthreads, 1);
        this.byLastCore = new ParkOrderLists(kthreads, topology.coreCount());
        this.parkedCore = new int[kthreads];
        this.idle = new boolean[kthreads];
        Arrays.fill(parkedCore, KThreadView.NO_CORE);
    }

    @Override
    public void parked(KThreadView kthread, int core) {
        int id = kthread.id();
        if (idle[id] || core < KThreadView.NO_CORE || core >= topology.coreCount()) {
            throw badPark(id, core);
        }
        idle[id] = true;
        parkedCore[id] = core;
        parkOrder.pushHead(IDLE_LIST, id);
        // A kthread that never ran matches no core in Caladan's scans: global list only.
        if (core != KThreadView.NO_CORE) {
            byLastCore.pushHead(core, id);
        }
        idleCount++;
    }

    private RuntimeException badPark(int id, int core) {
        if (idle[id]) {
            return new IllegalStateException("kthread " + id + " parked while already idle");
        }
        return new IllegalArgumentException("kthread " + id + " parked from core " + core
                + ", not in [0, " + topology.coreCount() + ") nor NO_CORE");
    }

    @Override
    public KThreadView pick(int core) {
        if (idleCount == 0) {
            return null;
        }
        // Rung 1: the most recently parked kthread that last ran on this core (Caladan's
        // first scan stops at exactly this one).
        int chosen = byLastCore.head(core);
        // Rung 2: the same for the core's hyperthread sibling (Caladan's second scan).
        if (chosen == NONE) {
            int sibling = topology.sibling(core);
            if (sibling != KThreadView.NO_CORE) {
                chosen = byLastCore.head(sibling);
            }
        }
        // Rung 3: the least recently parked kthread, to avoid thrashing.
        if (chosen == NONE) {
            chosen = parkOrder.tail(IDLE_LIST);
        }
        take(chosen);
        return proc.kthread(chosen);
    }

    @Override
    public void removed(KThreadView kthread) {
        take(kthread.id());
    }

    private void take(int id) {
        if (!idle[id]) {
            throw new IllegalStateException("kthread " + id + " is not in the idle set");
        }
        idle[id] = false;
        parkOrder.unlink(IDLE_LIST, id);
        int core = parkedCore[id];
        if (core != KThreadView.NO_CORE) {
            byLastCore.unlink(core, id);
        }
        idleCount--;
    }

    @Override
    public int idleCount() {
        return idleCount;
    }
}
