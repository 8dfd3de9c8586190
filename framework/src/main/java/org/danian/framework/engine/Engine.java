package org.danian.framework.engine;

import java.util.List;

import org.danian.framework.flight.CoreGrantEvent;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.CoreMailbox;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.kernel.KernelSettings;
import org.danian.spi.KThreadView;

/**
 * The scheduler loop's passes (Caladan's {@code sched_poll}, iokernel/sched.c; OSDI'20 §4),
 * run by the scheduler thread after it drained its inbox:
 * <ol>
 *   <li><b>Fast pass</b>, every iteration, per worker core: a kthread switched out by a grant
 *       has left (it returns to its proc's idle set; the core is <em>not</em> newly idle, it
 *       already belongs to the new owner); the owner has started (grant latency recorded);
 *       the owner parked (it returns to its idle set through the kernel's park path, the core
 *       becomes newly idle).
 *   <li><b>Core needed</b>: a proc that got work while none of its kthreads ran is reported
 *       to the allocator ({@code notify_core_needed}).
 *   <li><b>Slow pass</b>, every poll interval: each live proc's delay and the congestion
 *       verdict ({@link CongestionRule}); a proc granted a core since the last slow pass is
 *       skipped once ("waking").
 *   <li><b>Policy pass</b>: the allocator's {@code poll} with the newly idle cores.
 * </ol>
 * Grants and reclaims come from the allocator through {@link AllocatorHost}, which calls
 * {@link #grant} and {@link #reclaim} here; {@link CoreGrantor} carries them out. Nothing on these paths allocates or throws
 * unless a policy breaks its contract (the allocation tests prove it). Everything it counts
 * goes to the kernel's one counter store, {@link KernelMetrics}. Scheduler thread only.
 */
final class Engine {

    private final ProcTable table;
    private final PickSeam picks;
    private final RuntimeContext runtime;
    private final WorkerCores cores;
    /** {@link WorkerCores#cores()}, iterated by every pass. */
    private final int[] workers;
    private final long pollIntervalNanos;
    private final CoreBitSet newlyIdle;
    private final KernelMetrics metrics;
    private final CoreGrantor grantor;
    private AllocatorSeam allocators;
    private long now;
    private long lastSlowPass;
    private boolean slowPassDone;

    Engine(ProcTable table, PickSeam picks, RuntimeContext runtime, KernelSettings settings, KernelMetrics metrics) {
        this.table = table;
        this.metrics = metrics;
        this.picks = picks;
        this.runtime = runtime;
        this.pollIntervalNanos = settings.pollIntervalNanos();
        int cores = table.topology().coreCount();
        this.cores = new WorkerCores(cores, settings.workerCores());
        this.workers = this.cores.cores();
        this.newlyIdle = new CoreBitSet(cores);
        this.grantor = new CoreGrantor(table, picks, runtime, this.cores, metrics);
    }

    void allocators(AllocatorSeam allocators) {
        this.allocators = allocators;
    }

    /**
     * One iteration after the inbox: fast pass, core-needed, slow pass if due, policy pass.
     *
     * @return whether anything happened (a park, a start, a grant), which tells the idle
     *     strategy to stay awake. A congested proc that got no core is not progress: a proc
     *     whose kthread was just woken is judged congested at every poll interval until that
     *     kthread runs, so counting it kept the thread polling, often on the very core the
     *     kthread waited for, until Linux preempted it
     */
    boolean iterate(long nowNanos) {
        now = nowNanos;
        metrics.iteration();
        long grantsBefore = grantor.grants();
        boolean worked = fastPass();
        if (runtime.takeCoreNeeded()) {
            serveCoreNeeded();
        }
        if (!slowPassDone || nowNanos - lastSlowPass >= pollIntervalNanos) {
            slowPass();
        }
        allocators.poll(nowNanos, newlyIdle);
        newlyIdle.clear();
        return worked || grantor.grants() != grantsBefore;
    }

    private boolean fastPass() {
        boolean changed = false;
        for (int core : workers) {
            changed |= observe(core);
        }
        return changed;
    }

    /**
     * One worker core's switches since the last pass. The owner's progress is read before the
     * leaving kthread's: the owner can start only after the leaving kthread gave the core up
     * (handed it over, or parked and let it be claimed), and a mailbox only moves forward, so
     * the later read sees that departure whenever the earlier ones saw the owner start. Read
     * the other way round, a pass running late could miss the leaving kthread's departure yet
     * see the owner start and park, and hand the allocator a newly idle core while the kthread
     * that ceded it was still outside its idle set: its proc, waiting with work, could not take
     * the core then, and nothing would report the core again.
     */
    private boolean observe(int core) {
        CoreSlot slot = cores.slot(core);
        CoreMailbox mailbox = runtime.mailbox(core);
        boolean owned = slot.generation != CoreSlot.NO_GENERATION;
        boolean started = owned && (slot.started || mailbox.hasStarted(slot.generation));
        boolean left = started && mailbox.hasLeft(slot.generation);
        boolean changed = false;
        if (slot.leaving != null && mailbox.hasLeft(slot.leavingGeneration)) {
            KThreadEntry gone = slot.leaving;
            slot.leaving = null;
            gone.cedingCore = KThreadView.NO_CORE;
            returnToIdle(gone, core); // the core already belongs to the new owner
            changed = true;
        }
        if (started && !slot.started) {
            slot.started = true;
            metrics.grantLatency(table.onCore(core).proc(), Math.max(0, slot.startedAt(mailbox, now) - slot.congestionNanos));
            changed = true;
        }
        if (left) {
            KThreadEntry parked = table.onCore(core);
            boolean reclaimed = slot.reclaiming;
            table.leaveCore(parked);
            metrics.coresHeld(parked.proc(), parked.proc().coresHeld, slot.leftAt(mailbox, now));
            slot.clearOwner();
            returnToIdle(parked, core);
            if (!reclaimed && packetsWaiting(parked.proc())) {
                fastRewake(parked.proc(), core);
            } else {
                newlyIdle.add(core);
            }
            changed = true;
        }
        return changed;
    }

    /**
     * Whether the loop may wait for a packet, an operation or a signal without polling: no
     * cede is pending, and no proc running on a granted core has queued work, so there is no
     * congestion to judge and no park to act on soon. Work queued behind a proc that holds
     * every core it could get (all worker cores, or its maximum) does not count while no
     * other proc waits for a core: judging its congestion could grant nothing, and polling
     * for it woke the thread every few tens of µs on a machine with one worker core whenever
     * a co-tenant delayed the kthread (docs/measurements.md). A grant whose kthread has not started
     * yet is quiet too: its proc is waking, which Caladan's rule skips once, and the kthread
     * itself wakes the loop when it starts behind more than one queued packet. A start or a
     * park that happens meanwhile is seen at the next wake-up and measured at its own time
     * ({@link CoreSlot#startedAt}, {@link CoreSlot#leftAt}); work offered to a proc meanwhile wakes the loop
     * ({@code RuntimeContext.schedulerBlocking}). Allocation-free; scheduler thread only.
     */
    boolean quiet() {
        return cores.quiet(table, runtime);
    }

    /**
     * Whether a proc whose kthread just parked has packets in its ingress: they came after the
     * kthread's last look, and its offer raised core-needed, which would go through the
     * allocator and wake a kthread on some core later in this iteration or the next.
     */
    private static boolean packetsWaiting(ProcEntry proc) {
        return !proc.retiring && !proc.runtime.ingress().isEmpty();
    }

    /**
     * Caladan's fast rewake (OSDI'20 §4.1, a kthread that parks while packets wait is woken
     * again at once): the core goes straight back to the proc whose kthread just gave it up,
     * without the core-allocation policy, which never learns that it was idle (its ledger
     * still names that proc the owner). The thread-pick policy still chooses the kthread,
     * usually the one that just parked, whose caches are warm there.
     */
    private void fastRewake(ProcEntry proc, int core) {
        proc.runtime.takeCoreNeeded(); // served here; the core-needed pass must not ask again
        grant(proc, core, CoreGrantEvent.Reason.FAST_REWAKE);
        metrics.handOffs().fastRewake();
    }

    /** The kernel's park path for a kthread that left {@code core}: idle set, then picker. */
    private void returnToIdle(KThreadEntry kthread, int core) {
        table.appendIdle(kthread);
        metrics.park();
        picks.parked(kthread.proc(), kthread, core);
    }

    /**
     * Caladan's {@code notify_core_needed}, for each proc that raised it while holding no core
     * and still has work queued. A submitter queues its work, then raises the signal; preempted
     * in between, it raises it after the slow pass found the work and a granted kthread ran it,
     * and a grant then would wake a kthread for nothing.
     */
    private void serveCoreNeeded() {
        List<ProcEntry> procs = table.procs();
        for (int i = 0; i < procs.size(); i++) {
            ProcEntry proc = procs.get(i);
            if (proc.runtime.takeCoreNeeded() && !proc.retiring && proc.waitsForCore()) {
                if (proc.congestedSince == ProcEntry.NOT_CONGESTED) {
                    proc.congestedSince = now;
                }
                metrics.coreNeeded();
                allocators.coreNeeded(proc);
            }
        }
    }

    private void slowPass() {
        long previous = slowPassDone ? lastSlowPass : Long.MIN_VALUE;
        List<ProcEntry> procs = table.procs();
        for (int i = 0; i < procs.size(); i++) {
            ProcEntry proc = procs.get(i);
            if (proc.waking) {
                proc.waking = false; // Caladan: skip one decision after a grant
                continue;
            }
            boolean congested = CongestionRule.judge(proc, now, previous) && !proc.retiring;
            if (congested) {
                if (proc.congestedSince == ProcEntry.NOT_CONGESTED) {
                    proc.congestedSince = now;
                }
            } else {
                proc.congestedSince = ProcEntry.NOT_CONGESTED;
            }
            allocators.congestion(proc, congested, proc.delayNanos);
        }
        metrics.slowPass();
        lastSlowPass = now;
        slowPassDone = true;
    }

    /** Runs {@code proc} on {@code core}, checked by {@link AllocatorHost}: {@link CoreGrantor#grant}. */
    void grant(ProcEntry proc, int core, CoreGrantEvent.Reason reason) {
        grantor.grant(proc, core, reason, now);
    }

    /** Asks the owner of {@code core} to cede: {@link CoreGrantor#reclaim}. */
    boolean reclaim(int core) {
        return grantor.reclaim(core);
    }

    /**
     * Whether nothing can happen until something wakes the loop: no core is granted or being
     * switched and no proc has work queued, so the slow pass has nothing to judge and no
     * allocator holds back a grant. Allocation-free; scheduler thread only.
     */
    boolean idle() {
        return !cores.anyGranted() && !table.anyQueuedWork();
    }

    /**
     * Whether a live proc has work queued but no core, which its allocator may grant only at
     * its next poll: the loop then waits no longer than a short bound, even when quiet.
     */
    boolean procWaitsForCore() {
        return table.anyWaitingForCore();
    }

    /** Whether some worker core is granted or being switched: a proc is running or leaving. */
    boolean anyCoreGranted() {
        return cores.anyGranted();
    }

    boolean isWorker(int core) {
        return cores.isWorker(core);
    }

    CoreSlot slot(int core) {
        return cores.slot(core);
    }

    int[] workers() {
        return workers.clone();
    }

    RuntimeContext runtime() {
        return runtime;
    }

    /** Whether any proc exists: the loop has something to watch. */
    boolean hasProcs() {
        return !table.procs().isEmpty();
    }

    /** Whether every kthread of {@code proc} is in its idle set. */
    static boolean allIdle(ProcEntry proc) {
        return proc.idle.size() == proc.kthreadCount();
    }
}
