package org.danian.policy.lottery;

import java.util.Arrays;

import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * One proc's idle set as a {@link PassHeap}: stride scheduling (Waldspurger and Weihl, "Stride
 * Scheduling", MIT/LCS/TM-528, 1995), where a grant is one quantum.
 *
 * <p>Each kthread has a stride {@code BIG / tickets} and a pass. A pick takes the idle kthread
 * with the smallest pass; the virtual time becomes that pass, and the kthread leaves owing one
 * stride. A kthread joins the idle set at {@code virtualTime + remain}, the report's
 * {@code client_join} rule: {@code remain} is one stride after a pick (or for a kthread never
 * seen), and what it still owed when it was removed. So absence earns no credit, and a
 * kthread that parks straight back is scheduled exactly as in static stride scheduling.
 *
 * <p>Every idle pass lies in {@code [virtualTime, virtualTime + BIG]}, which is what lets the
 * heap compare passes by difference across {@code long} wrap-around.
 */
final class StridePicker implements ThreadPicker {

    /** Stride of a one-ticket kthread; 2^32 keeps strides exact for power-of-two tickets. */
    static final long BIG = 1L << 32;
    private static final long FRESH = -1;

    private final ProcView proc;
    private final PassHeap idle;
    private final long[] stride;
    /** Pass a kthread will join at, relative to the virtual time; {@link #FRESH} if unset. */
    private final long[] remain;
    private long virtualTime;

    StridePicker(ProcView proc) {
        int kthreads = proc.kthreadCount();
        this.proc = proc;
        this.idle = new PassHeap(kthreads);
        this.stride = new long[kthreads];
        this.remain = new long[kthreads];
        Arrays.fill(remain, FRESH);
    }

    @Override
    public void parked(KThreadView kthread, int core) {
        int id = kthread.id();
        int tickets = kthread.tickets();
        if (idle.contains(id)) {
            throw new IllegalStateException("kthread " + id + " is already in the idle set");
        }
        if (tickets < 1) {
            throw new IllegalArgumentException("kthread " + id + " has fewer than one ticket: " + tickets);
        }
        stride[id] = BIG / tickets;
        long owed = remain[id] == FRESH ? stride[id] : remain[id];
        idle.insert(id, virtualTime + owed);
    }

    @Override
    public KThreadView pick(int core) {
        if (idle.size() == 0) {
            return null;
        }
        // The core plays no part: the smallest pass wins, whatever it last ran on.
        int winner = idle.pollMin();
        virtualTime = idle.passOf(winner);
        remain[winner] = stride[winner];
        return proc.kthread(winner);
    }

    @Override
    public void removed(KThreadView kthread) {
        int id = kthread.id();
        if (!idle.contains(id)) {
            throw new IllegalStateException("kthread " + id + " is not in the idle set");
        }
        remain[id] = idle.passOf(id) - virtualTime;
        idle.remove(id);
    }

    @Override
    public int idleCount() {
        return idle.size();
    }
}
