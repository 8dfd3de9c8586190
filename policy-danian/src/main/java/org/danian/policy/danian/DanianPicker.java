package org.danian.policy.danian;

import java.util.Arrays;

import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * One proc's state for {@link DanianPickPolicy}: the park-order list of idle kthreads and the
 * {@code last_run} memo (Danian §5, Listing 3). Arrays indexed by kthread id and by core, so
 * park, pick and remove allocate nothing.
 */
final class DanianPicker implements ThreadPicker {

    private static final int NONE = ParkOrderLists.NONE;
    /** The only list of {@link #parkOrder}. */
    private static final int IDLE_LIST = 0;

    private final ProcView proc;
    private final ParkOrderLists parkOrder;
    /** {@code lastRun[core]}: the kthread last scheduled on the core, or {@link #NONE}. */
    private final int[] lastRun;
    private final boolean[] idle;
    private int idleCount;

    DanianPicker(ProcView proc, int coreCount) {
        this.proc = proc;
        int kthreads = proc.kthreadCount();
        this.parkOrder = new ParkOrderLists(kthreads, 1);
        this.idle = new boolean[kthreads];
        // Listing 3: every slot starts empty (NULL in the paper).
        this.lastRun = new int[coreCount];
        Arrays.fill(lastRun, NONE);
    }

    @Override
    public void parked(KThreadView kthread, int core) {
        int id = kthread.id();
        if (idle[id] || core < KThreadView.NO_CORE || core >= lastRun.length) {
            throw badPark(id, core);
        }
        idle[id] = true;
        parkOrder.pushHead(IDLE_LIST, id);
        idleCount++;
        // The kthread that leaves core c is the one last scheduled there (a core runs one
        // kthread of a proc at a time); writing it here also rebuilds the memo on a swap replay.
        if (core != KThreadView.NO_CORE) {
            lastRun[core] = id;
        }
    }

    private RuntimeException badPark(int id, int core) {
        if (idle[id]) {
            return new IllegalStateException("kthread " + id + " parked while already idle");
        }
        return new IllegalArgumentException("kthread " + id + " parked from core " + core
                + ", not in [0, " + lastRun.length + ") nor NO_CORE");
    }

    @Override
    public KThreadView pick(int core) {
        if (idleCount == 0) {
            return null;
        }
        // Rung 1 (Listing 4): the kthread last scheduled on this core, if it is idle. The
        // paper dereferences the slot unchecked; an empty slot or a busy or removed kthread
        // falls through.
        int chosen = lastRun[core];
        // Rung 2: the least recently parked kthread (list_tail), to avoid thrashing.
        if (chosen == NONE || !idle[chosen]) {
            chosen = parkOrder.tail(IDLE_LIST);
        }
        take(chosen);
        lastRun[core] = chosen;
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
        idleCount--;
    }

    @Override
    public int idleCount() {
        return idleCount;
    }
}
