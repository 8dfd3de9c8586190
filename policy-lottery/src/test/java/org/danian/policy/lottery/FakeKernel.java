package org.danian.policy.lottery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.danian.policy.lottery.FakeProc.FakeKThread;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreSet;

/**
 * A deterministic kernel for allocator tests: an owner and a running kthread per core, grants
 * checked and recorded as the SPI describes them, parks only when the test says so, and the
 * newly idle cores collected for the next {@code poll}. A grant on an owned core completes the
 * owner's cede at once (its kthread is idle again; the core is not reported newly idle).
 */
final class FakeKernel implements AllocationContext {

    /** One grant the kernel accepted; {@code preempted} is the former owner, or null. */
    record Grant(int core, FakeProc proc, FakeProc preempted) {
    }

    private final CoreTopology topology;
    private final Cores schedulable;
    private final FakeProc[] owner;
    private final FakeKThread[] running;
    private final int[] newlyIdle;
    private int newlyIdleCount;
    private final Cores reusable = new Cores(new int[64]);
    final List<Grant> grants = new ArrayList<>();
    /** Grants won, by proc id (ids below 64); counted even when {@link #quiet}. */
    final long[] wins = new long[64];
    /** When set, grants are not added to {@link #grants}, so the kernel allocates nothing. */
    boolean quiet;

    /** {@code cores} cores without siblings, all schedulable but core 0 (the scheduler's). */
    FakeKernel(int cores) {
        this.topology = CoreTopology.noSiblings(cores);
        int[] schedulableCores = new int[cores - 1];
        Arrays.setAll(schedulableCores, i -> i + 1);
        this.schedulable = new Cores(schedulableCores);
        this.owner = new FakeProc[cores];
        this.running = new FakeKThread[cores];
        this.newlyIdle = new int[cores];
    }

    @Override
    public CoreTopology topology() {
        return topology;
    }

    @Override
    public CoreSet schedulableCores() {
        return schedulable;
    }

    @Override
    public ProcView owner(int core) {
        return owner[core];
    }

    @Override
    public int coresHeld(ProcView proc) {
        int held = 0;
        for (FakeProc p : owner) {
            held += p == proc ? 1 : 0;
        }
        return held;
    }

    @Override
    public boolean hasIdleKThread(ProcView proc) {
        return idleKThread((FakeProc) proc, KThreadView.NO_CORE) != null;
    }

    @Override
    public boolean isIdle(KThreadView kthread) {
        return ((FakeKThread) kthread).idle;
    }

    @Override
    public boolean grant(int core, ProcView proc) {
        FakeProc requester = (FakeProc) proc;
        if (!schedulable.contains(core) || owner[core] == proc) {
            return false;
        }
        FakeKThread chosen = idleKThread(requester, core);
        if (chosen == null || coresHeld(proc) >= proc.spec().maxCores()) {
            return false;
        }
        if (!quiet) {
            grants.add(new Grant(core, requester, owner[core]));
        }
        wins[requester.id()]++;
        if (running[core] != null) {
            running[core].idle = true;
        }
        run(core, chosen);
        return true;
    }

    @Override
    public boolean reclaim(int core) {
        return false;
    }

    /** Puts an idle kthread of {@code proc} on idle {@code core}, as if granted before. */
    void place(FakeProc proc, int core) {
        run(core, idleKThread(proc, core));
    }

    /** The kthread on {@code core} runs out of work and parks: the core becomes idle. */
    void park(int core) {
        running[core].idle = true;
        running[core] = null;
        owner[core] = null;
        newlyIdle[newlyIdleCount++] = core;
    }

    /** The cores that became idle since the last call; reuses one set, so allocates nothing. */
    CoreSet takeNewlyIdle() {
        Arrays.sort(newlyIdle, 0, newlyIdleCount);
        reusable.size = newlyIdleCount;
        System.arraycopy(newlyIdle, 0, reusable.cores, 0, newlyIdleCount);
        newlyIdleCount = 0;
        return reusable;
    }

    /** The last grant, or null. */
    Grant lastGrant() {
        return grants.isEmpty() ? null : grants.get(grants.size() - 1);
    }

    private void run(int core, FakeKThread kthread) {
        kthread.idle = false;
        kthread.lastCore = core;
        running[core] = kthread;
        owner[core] = kthread.proc();
    }

    /** An idle kthread of {@code proc} that last ran on {@code core}, else the first idle. */
    private static FakeKThread idleKThread(FakeProc proc, int core) {
        FakeKThread first = null;
        for (int i = 0; i < proc.kthreadCount(); i++) {
            FakeKThread kthread = proc.kthread(i);
            if (kthread.idle) {
                if (core != KThreadView.NO_CORE && kthread.lastCore == core) {
                    return kthread;
                }
                first = first == null ? kthread : first;
            }
        }
        return first;
    }

    /** An ascending core set over a prefix of an array. */
    static final class Cores implements CoreSet {
        final int[] cores;
        int size;

        Cores(int... cores) {
            this.cores = cores;
            this.size = cores.length;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public int core(int index) {
            return cores[index];
        }

        @Override
        public boolean contains(int core) {
            for (int i = 0; i < size; i++) {
                if (cores[i] == core) {
                    return true;
                }
            }
            return false;
        }
    }
}
