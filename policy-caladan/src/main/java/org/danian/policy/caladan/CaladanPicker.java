package org.danian.policy.caladan;

import java.util.Arrays;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * One proc's idle list in park order, intrusive over arrays indexed by kthread id so that
 * park and pick allocate nothing. {@code head} is the most recently parked kthread.
 */
final class CaladanPicker implements ThreadPicker {

    private static final int NONE = -1;

    private final ProcView proc;
    private final CoreTopology topology;
    /** Toward the tail (less recently parked). */
    private final int[] next;
    /** Toward the head (more recently parked). */
    private final int[] prev;
    /** The core each idle kthread parked from: its last core while it stays idle. */
    private final int[] parkedCore;
    private final boolean[] idle;
    private int head = NONE;
    private int tail = NONE;
    private int idleCount;

    CaladanPicker(ProcView proc, CoreTopology topology) {
        this.proc = proc;
        this.topology = topology;
        int kthreads = proc.kthreadCount();
        this.next = new int[kthreads];
        this.prev = new int[kthreads];
        this.parkedCore = new int[kthreads];
        this.idle = new boolean[kthreads];
        Arrays.fill(parkedCore, KThreadView.NO_CORE);
    }

    @Override
    public void parked(KThreadView kthread, int core) {
        int id = kthread.id();
        parkedCore[id] = core;
        idle[id] = true;
        prev[id] = NONE;
        next[id] = head;
        if (head != NONE) {
            prev[head] = id;
        } else {
            tail = id;
        }
        head = id;
        idleCount++;
    }

    @Override
    public KThreadView pick(int core) {
        if (head == NONE) {
            return null;
        }
        // Rung 1: the most recently parked kthread that last ran on this core.
        int chosen = firstFromHeadParkedOn(core);
        // Rung 2: one that last ran on the core's hyperthread sibling (shares L1/L2).
        if (chosen == NONE) {
            int sibling = topology.sibling(core);
            if (sibling != KThreadView.NO_CORE) {
                chosen = firstFromHeadParkedOn(sibling);
            }
        }
        // Rung 3: the least recently parked kthread, to avoid thrashing.
        if (chosen == NONE) {
            chosen = tail;
        }
        unlink(chosen);
        return proc.kthread(chosen);
    }

    private int firstFromHeadParkedOn(int core) {
        for (int id = head; id != NONE; id = next[id]) {
            if (parkedCore[id] == core) {
                return id;
            }
        }
        return NONE;
    }

    @Override
    public void removed(KThreadView kthread) {
        unlink(kthread.id());
    }

    private void unlink(int id) {
        if (!idle[id]) {
            throw new IllegalStateException("kthread " + id + " is not in the idle set");
        }
        idle[id] = false;
        int before = prev[id];
        int after = next[id];
        if (before != NONE) {
            next[before] = after;
        } else {
            head = after;
        }
        if (after != NONE) {
            prev[after] = before;
        } else {
            tail = before;
        }
        idleCount--;
    }

    @Override
    public int idleCount() {
        return idleCount;
    }
}
