package org.danian.framework.alloc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import org.danian.framework.alloc.FakeProc.FakeKThread;
import org.danian.framework.alloc.FakeProc.Where;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.Priority;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreSet;

/**
 * A deterministic kernel for allocator tests: an owner and a running kthread per core,
 * grants and reclaims recorded, cedes and parks that happen only when the test says so, and
 * the newly idle cores collected for the next {@code poll}.
 *
 * <p>A grant on an owned core behaves as the SPI says: the core belongs to the new proc at
 * once ({@link #owner}), its kthread leaves the idle set at once, and the old owner's kthread
 * is in transit (neither running nor idle) until {@link #completeCedes()}.
 */
final class FakeMachine implements AllocationContext {

    /** One grant the kernel accepted, with the counts the preemption rule is judged on. */
    record Grant(int core, FakeProc proc, FakeProc preempted, int procHeld, int preemptedHeld) {
    }

    private final CoreTopology topology;
    private final FakeCoreSet schedulable;
    private final FakeProc[] owner;
    private final FakeKThread[] running;
    private final boolean[] reclaiming;
    private final List<FakeKThread> ceding = new ArrayList<>();
    private final TreeSet<Integer> newlyIdle = new TreeSet<>();
    final List<Grant> grants = new ArrayList<>();
    final List<Integer> reclaims = new ArrayList<>();
    /** When set, grants and newly idle cores are not recorded, so the machine allocates nothing. */
    boolean quiet;

    FakeMachine(CoreTopology topology, int... schedulableCores) {
        this.topology = topology;
        this.schedulable = new FakeCoreSet(schedulableCores);
        this.owner = new FakeProc[topology.coreCount()];
        this.running = new FakeKThread[topology.coreCount()];
        this.reclaiming = new boolean[topology.coreCount()];
    }

    /** {@code cores} cores in sibling pairs (0,1), (2,3), …, all schedulable. */
    static FakeMachine siblingPairs(int cores) {
        int[] all = new int[cores];
        Arrays.setAll(all, i -> i);
        return new FakeMachine(CoreTopology.siblingPairs(cores), all);
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
        return firstIdle((FakeProc) proc, KThreadView.NO_CORE) != null;
    }

    @Override
    public boolean isIdle(KThreadView kthread) {
        return ((FakeKThread) kthread).where == Where.IDLE;
    }

    @Override
    public boolean grant(int core, ProcView proc) {
        FakeProc requester = (FakeProc) proc;
        FakeKThread chosen = firstIdle(requester, core);
        if (!schedulable.contains(core) || owner[core] == proc || chosen == null
                || coresHeld(proc) >= proc.spec().maxCores()) {
            return false;
        }
        FakeProc preempted = owner[core];
        if (!quiet) {
            grants.add(new Grant(core, requester, preempted, coresHeld(proc),
                    preempted == null ? 0 : coresHeld(preempted)));
        }
        if (running[core] != null) {
            running[core].where = Where.IN_TRANSIT;
            ceding.add(running[core]);
        }
        runOn(core, chosen);
        return true;
    }

    @Override
    public boolean reclaim(int core) {
        if (owner[core] == null || reclaiming[core]) {
            return false;
        }
        reclaiming[core] = true;
        reclaims.add(core);
        return true;
    }

    /** Puts an idle kthread of {@code proc} on idle {@code core}, as if granted before. */
    void place(FakeProc proc, int core) {
        if (owner[core] != null) {
            throw new IllegalStateException("core " + core + " is owned by " + owner[core]);
        }
        runOn(core, firstIdle(proc, core));
    }

    /** The kthread on {@code core} runs out of work and parks: the core becomes idle. */
    void park(int core) {
        FakeKThread kthread = running[core];
        kthread.where = Where.IDLE;
        running[core] = null;
        owner[core] = null;
        reclaiming[core] = false;
        if (!quiet) {
            newlyIdle.add(core);
        }
    }

    /** Every kthread asked to cede has left its core and is idle again. */
    void completeCedes() {
        for (FakeKThread kthread : ceding) {
            kthread.where = Where.IDLE;
        }
        ceding.clear();
    }

    /** The cores that became idle since the last call, for {@code poll}. */
    CoreSet takeNewlyIdle() {
        int[] cores = newlyIdle.stream().mapToInt(Integer::intValue).toArray();
        newlyIdle.clear();
        return new FakeCoreSet(cores);
    }

    /** The last grant, or null. */
    Grant lastGrant() {
        return grants.isEmpty() ? null : grants.get(grants.size() - 1);
    }

    /** The kthread running on {@code core} (the switched-to one during a cede), or null. */
    FakeKThread runningOn(int core) {
        return running[core];
    }

    /** Whether the preemption recorded in {@code grant} obeyed simple's rule. */
    static boolean preemptionAllowed(Grant grant) {
        if (grant.preempted() == null) {
            return true;
        }
        int ownerGuarantee = grant.preempted().spec().guaranteedCores();
        boolean requesterBelowGuarantee = grant.procHeld() < grant.proc().spec().guaranteedCores();
        boolean lcOverBe = grant.proc().spec().priority() == Priority.LATENCY_CRITICAL
                && grant.preempted().spec().priority() == Priority.BEST_EFFORT;
        return grant.preemptedHeld() > ownerGuarantee && (requesterBelowGuarantee || lcOverBe);
    }

    private void runOn(int core, FakeKThread kthread) {
        kthread.where = Where.RUNNING;
        kthread.lastCore = core;
        running[core] = kthread;
        owner[core] = kthread.proc();
    }

    /** An idle kthread of {@code proc} that last ran on {@code core}, else the first idle. */
    private static FakeKThread firstIdle(FakeProc proc, int core) {
        FakeKThread first = null;
        for (int i = 0; i < proc.kthreadCount(); i++) {
            FakeKThread kthread = proc.kthread(i);
            if (kthread.where == Where.IDLE) {
                if (kthread.lastCore == core && core != KThreadView.NO_CORE) {
                    return kthread;
                }
                first = first == null ? kthread : first;
            }
        }
        return first;
    }

    /** An immutable ascending core set. */
    static final class FakeCoreSet implements CoreSet {
        private final int[] cores;

        FakeCoreSet(int... cores) {
            this.cores = cores.clone();
            Arrays.sort(this.cores);
        }

        @Override
        public int size() {
            return cores.length;
        }

        @Override
        public int core(int index) {
            return cores[index];
        }

        @Override
        public boolean contains(int core) {
            return Arrays.binarySearch(cores, core) >= 0;
        }
    }
}
