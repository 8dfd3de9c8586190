package org.danian.spi.alloc.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.alloc.CoreSet;
import org.danian.spi.alloc.testing.FakeProc.FakeKThread;
import org.danian.spi.alloc.testing.FakeProc.Where;

/**
 * The test double a core-allocation policy author drives an allocator with: a deterministic
 * {@link AllocationContext} in which the test plays the kernel. Build the allocator on it
 * ({@code policy.newAllocator(machine)}), attach {@link FakeProc}s, report congestion, then
 * make the kernel's moves by hand ({@link #park}, {@link #completeCedes},
 * {@code allocator.poll(now, machine.takeNewlyIdle())}) and read what the allocator did
 * ({@link #grants()}, {@link #reclaims()}, {@link #owner}).
 *
 * <p>What it models: an owner and a running kthread per core; grants checked as
 * {@link AllocationContext#grant} says (refused, changing nothing, on a core that is not
 * schedulable or already the proc's, or for a proc without an idle kthread or at its maximum)
 * and recorded with the core counts before them; the chosen kthread is an idle one that last
 * ran on the granted core if there is one, else the proc's first idle kthread, standing in for
 * the proc's thread picker. A grant on an owned core gives the core to the new proc at once
 * ({@link #owner}, {@link #coresHeld}) and the old owner's kthread goes
 * {@link Where#IN_TRANSIT} until the test calls {@link #completeCedes()} (or at once, after
 * {@link #completeCedesAtOnce(boolean) completeCedesAtOnce(true)}). Reclaims are recorded and
 * the core stays owned until the test parks its kthread. Parked cores are collected for the
 * next {@link #takeNewlyIdle()}.
 *
 * <p>What it does not model: real threads, time, or a thread-pick policy (the choice above is
 * fixed); no kthread parks, cedes or leaves a reclaimed core unless the test says so, so a
 * switch completes only when the test says; the scheduler's own core is simply left out of
 * the schedulable cores; nothing is thread-safe (like the SPI, it is used from one thread).
 *
 * <p>Under {@link #quiet(boolean) quiet(true)}, queries, grants, parks, cedes and
 * {@link #takeNewlyIdle()} allocate nothing (once the list of pending cedes has grown), so an
 * allocator's steady state can be checked for allocation on it; only {@link #reclaim} still
 * records.
 */
public final class FakeMachine implements AllocationContext {

    /**
     * One grant the machine accepted: {@code proc} got {@code core} from {@code preempted}
     * (null if the core was idle), when {@code proc} held {@code procHeld} cores and
     * {@code preempted} held {@code preemptedHeld} (0 if null), the counts a preemption rule
     * is judged on.
     */
    public record Grant(int core, FakeProc proc, FakeProc preempted, int procHeld, int preemptedHeld) {
    }

    private final CoreTopology topology;
    private final FakeCoreSet schedulable;
    private final FakeProc[] owner;
    private final FakeKThread[] running;
    private final boolean[] reclaiming;
    private final boolean[] newlyIdle;
    private final FakeCoreSet newlyIdleSet;
    private final List<FakeKThread> ceding = new ArrayList<>();
    private final List<Grant> grants = new ArrayList<>();
    private final List<Integer> reclaims = new ArrayList<>();
    private final List<Grant> grantsView = Collections.unmodifiableList(grants);
    private final List<Integer> reclaimsView = Collections.unmodifiableList(reclaims);
    private long[] grantsWon = new long[64];
    private boolean quiet;
    private boolean cedesAtOnce;

    /** A machine of {@code topology} whose kernel may give {@code schedulableCores} to procs. */
    public FakeMachine(CoreTopology topology, int... schedulableCores) {
        this.topology = topology;
        this.schedulable = new FakeCoreSet(schedulableCores);
        this.owner = new FakeProc[topology.coreCount()];
        this.running = new FakeKThread[topology.coreCount()];
        this.reclaiming = new boolean[topology.coreCount()];
        this.newlyIdle = new boolean[topology.coreCount()];
        this.newlyIdleSet = FakeCoreSet.reusable(topology.coreCount());
    }

    /** {@code cores} cores in sibling pairs (0,1), (2,3), …, all schedulable. */
    public static FakeMachine siblingPairs(int cores) {
        int[] all = new int[cores];
        Arrays.setAll(all, i -> i);
        return new FakeMachine(CoreTopology.siblingPairs(cores), all);
    }

    /**
     * When set, accepted grants are no longer added to {@link #grants()}, so that grants
     * allocate nothing; {@link #grantsWon} still counts them.
     */
    public void quiet(boolean quiet) {
        this.quiet = quiet;
    }

    /**
     * When set, a grant on an owned core completes the old owner's cede at once: its kthread
     * is idle again before the grant returns, and the core is not reported newly idle.
     */
    public void completeCedesAtOnce(boolean atOnce) {
        this.cedesAtOnce = atOnce;
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
        return ((FakeKThread) kthread).where == Where.IDLE;
    }

    @Override
    public boolean grant(int core, ProcView proc) {
        FakeProc requester = (FakeProc) proc;
        FakeKThread chosen = idleKThread(requester, core);
        if (!schedulable.contains(core) || owner[core] == proc || chosen == null
                || coresHeld(proc) >= proc.spec().maxCores()) {
            return false;
        }
        FakeProc preempted = owner[core];
        if (!quiet) {
            grants.add(new Grant(core, requester, preempted, coresHeld(proc),
                    preempted == null ? 0 : coresHeld(preempted)));
        }
        countWin(requester.id());
        if (running[core] != null) {
            running[core].where = cedesAtOnce ? Where.IDLE : Where.IN_TRANSIT;
            if (!cedesAtOnce) {
                ceding.add(running[core]);
            }
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

    /** Puts an idle kthread of {@code proc} on idle {@code core}, as if granted before the test. */
    public void place(FakeProc proc, int core) {
        if (owner[core] != null) {
            throw new IllegalStateException("core " + core + " is owned by " + owner[core]);
        }
        FakeKThread kthread = idleKThread(proc, core);
        if (kthread == null) {
            throw new IllegalStateException(proc + " has no idle kthread to place on core " + core);
        }
        runOn(core, kthread);
    }

    /** The kthread on {@code core} runs out of work and parks: the core becomes idle. */
    public void park(int core) {
        FakeKThread kthread = running[core];
        if (kthread == null) {
            throw new IllegalStateException("no kthread runs on core " + core);
        }
        kthread.where = Where.IDLE;
        running[core] = null;
        owner[core] = null;
        reclaiming[core] = false;
        newlyIdle[core] = true;
    }

    /** Every kthread asked to cede has left its core and is idle again. */
    public void completeCedes() {
        for (int i = 0; i < ceding.size(); i++) {
            ceding.get(i).where = Where.IDLE;
        }
        ceding.clear();
    }

    /**
     * The cores that became idle since the last call, for {@link CoreAllocator#poll}. The set
     * is reused: valid until the next call, as the SPI promises no more.
     */
    public CoreSet takeNewlyIdle() {
        newlyIdleSet.refill(newlyIdle);
        Arrays.fill(newlyIdle, false);
        return newlyIdleSet;
    }

    /** Every grant accepted while not {@link #quiet(boolean) quiet}, oldest first (read-only). */
    public List<Grant> grants() {
        return grantsView;
    }

    /** The last grant recorded, or null. */
    public Grant lastGrant() {
        return grants.isEmpty() ? null : grants.get(grants.size() - 1);
    }

    /** The cores reclaims were sent for, oldest first (read-only). */
    public List<Integer> reclaims() {
        return reclaimsView;
    }

    /** How many grants {@code proc} (by its id) has won, quiet or not. */
    public long grantsWon(ProcView proc) {
        return proc.id() < grantsWon.length ? grantsWon[proc.id()] : 0;
    }

    /** The kthread running on {@code core} (the switched-to one during a cede), or null. */
    public FakeKThread runningOn(int core) {
        return running[core];
    }

    private void countWin(int procId) {
        if (procId >= grantsWon.length) {
            grantsWon = Arrays.copyOf(grantsWon, Math.max(procId + 1, 2 * grantsWon.length));
        }
        grantsWon[procId]++;
    }

    private void runOn(int core, FakeKThread kthread) {
        kthread.where = Where.RUNNING;
        kthread.lastCore = core;
        running[core] = kthread;
        owner[core] = kthread.proc();
    }

    /** An idle kthread of {@code proc} that last ran on {@code core}, else the first idle. */
    private static FakeKThread idleKThread(FakeProc proc, int core) {
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
}
