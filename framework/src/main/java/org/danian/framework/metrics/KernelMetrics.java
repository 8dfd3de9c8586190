package org.danian.framework.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyKind;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;

/**
 * The kernel's one counter store, per proc and global: what the scheduler thread reports as
 * it runs (grants, picks, locality, cores held, latencies, the loop's passes and core switches,
 * each policy slot's swaps and ejections) and what kthreads report (CPU time, unanswered
 * packets), read by any thread as an immutable {@link MetricsSnapshot}. The shell's
 * {@code danian:stats} and {@code danian:status}, JMX, and {@code KernelAdmin.metrics()} all
 * read it; nothing else in the kernel counts.
 *
 * <p><b>Writers.</b> Every recording method but {@link #kthreadCpuNanos} and
 * {@link #packetUnanswered} is called by one thread only, the scheduler thread (or a test's
 * thread standing in for it).
 * In the steady state (procs attached, no ejection) they allocate nothing and throw nothing
 * (HdrHistogram records into pre-sized histograms; values out of range are clamped). A call
 * for a proc that is not attached is a caller mistake and throws
 * {@link IllegalArgumentException}. {@link #kthreadCpuNanos} and {@link #packetUnanswered}
 * may be called by any thread, kthreads included, concurrently with everything else (an
 * {@code AtomicLongArray} slot moved forward by compare-and-set, an {@code AtomicLong}); the
 * reading methods by any thread.
 *
 * <p><b>Memory ordering</b> (the design for the whole package). Nothing is locked on the
 * writer's side. Counters are plain fields of the single writer, published with release
 * stores and read with acquire loads in an order that keeps derived invariants
 * ({@link Tally}: hits and migrations never ahead of picks). Cores held and core-time change
 * together and are published under a sequence lock the writer never waits on
 * ({@link CoreTime}). Latencies go into HdrHistogram {@code SingleWriterRecorder}s, whose
 * wait-free writer/reader phaser lets a reader swap out the values recorded so far
 * ({@link LatencyRecorder}). CPU times are {@code AtomicLongArray} slots moved forward by
 * compare-and-set ({@link ProcMetrics}). The set of attached procs is an immutable
 * {@link ProcIndex} replaced at each attach and detach and published through a volatile
 * field. A snapshot is therefore not one atomic cut: each number is exact when read, numbers
 * are read one after another while the scheduler runs.
 */
public final class KernelMetrics {

    /** A CPU time that could not be read (the thread CPU clock is unavailable). */
    public static final long UNKNOWN_CPU = -1;

    private final LongSupplier clock;
    private final Tally tally = new Tally();
    private final HandOffCounters handOffs = new HandOffCounters();
    private final CoreTime coreTime;
    private final LatencyRecorder grantLatency = new LatencyRecorder();
    private final LatencyRecorder pickCost = new LatencyRecorder();
    private final PickTotalsRecorder pickTotals = new PickTotalsRecorder();
    private final EventCounters events = new EventCounters();
    private final Map<String, AtomicLong> ejectionsByPolicy = new ConcurrentHashMap<>();
    private final AtomicLong packetsUnanswered = new AtomicLong();
    private volatile ProcIndex procs = ProcIndex.EMPTY;

    /** Metrics on the live clock, {@link System#nanoTime()}. */
    public KernelMetrics() {
        this(System::nanoTime);
    }

    /**
     * Metrics on the given clock, which must be the one the kernel passes as {@code nowNanos}
     * (snapshots extrapolate core-time up to the clock's reading).
     */
    public KernelMetrics(LongSupplier clock) {
        this.clock = clock;
        this.coreTime = new CoreTime(clock.getAsLong());
    }

    /** Scheduler thread: a proc was created; it holds no core yet. Allocates its metrics. */
    public void procAttached(ProcView proc) {
        if (procs.find(proc.id()) != null) {
            throw new IllegalArgumentException("proc " + proc.id() + " '" + proc.spec().name() + "' is already attached");
        }
        procs = procs.with(new ProcMetrics(proc, clock.getAsLong()));
    }

    /**
     * Scheduler thread: a proc ended. Its numbers stay in the global ones; any cores it is
     * still recorded as holding are returned now. A CPU time reported for it later is dropped.
     */
    public void procDetached(ProcView proc) {
        ProcMetrics metrics = attached(proc);
        if (metrics.coreTime.held() != 0) {
            coresHeld(proc, 0, clock.getAsLong());
        }
        procs = procs.without(metrics);
    }

    /**
     * Scheduler thread: the proc of {@code kthread} was granted {@code core}, and its thread
     * picker chose {@code kthread}, whose last core, before this grant, was {@code previousLastCore}
     * ({@link KThreadView#NO_CORE} if it never ran). Counts a grant and a pick, a locality
     * hit if {@code localityHit}, and a migration if the kthread last ran on another core.
     *
     * @param localityHit whether the pick counts as a locality hit: normally
     *     {@code previousLastCore == core}
     */
    public void grant(KThreadView kthread, int core, int previousLastCore, boolean localityHit) {
        ProcMetrics procMetrics = attached(kthread.proc());
        procMetrics.tally.grant(core, previousLastCore, localityHit);
        procMetrics.kthreadGranted(kthread.id());
        tally.grant(core, previousLastCore, localityHit);
    }

    /** Scheduler thread: one sampled pick of {@code proc}'s thread picker took {@code nanos}. */
    public void pickCost(ProcView proc, long nanos) {
        pickCost(proc, nanos, UNKNOWN_CPU);
    }

    /**
     * Scheduler thread: one sampled pick of {@code proc}'s thread picker took {@code wallNanos}
     * of wall time and {@code cpuNanos} of the scheduler thread's CPU time as measured, with the
     * clock reads' own cost inside ({@link #UNKNOWN_CPU} if unread). The calibrated bracket cost
     * ({@link #cpuClockReadNanos(long)}) is subtracted from this one sample, and the rest clamped to
     * [0, {@code wallNanos}], so the CPU sum never decreases and never exceeds the wall sum
     * ({@link MetricsSnapshot.PickTotals}). Feeds the pick-cost histograms and those sums.
     */
    public void pickCost(ProcView proc, long wallNanos, long cpuNanos) {
        long wall = Math.max(0, wallNanos);
        attached(proc).pickCost.record(wall);
        pickCost.record(wall);
        pickTotals.record(wall, cpuNanos);
    }

    /**
     * Scheduler thread, once at start: the median CPU time an empty pick bracket measures
     * ({@link #UNKNOWN_CPU} if the clock cannot be read), subtracted from each CPU sample.
     */
    public void cpuClockReadNanos(long nanos) {
        pickTotals.cpuClockReadNanos(nanos);
    }

    /** Scheduler thread: a thread pick took longer than the slow-pick watchdog's budget. */
    public void slowPick() {
        pickTotals.slowPick();
    }

    /**
     * Scheduler thread: {@code nanos} passed between the congestion of {@code proc} being
     * detected and a kthread of it running on the core granted in answer.
     */
    public void grantLatency(ProcView proc, long nanos) {
        attached(proc).grantLatency.record(nanos);
        grantLatency.record(nanos);
    }

    /**
     * Scheduler thread: from {@code nowNanos} on, {@code proc} holds {@code cores} cores.
     * Core-time is integrated step by step between such calls; call it whenever the count
     * changes (a call with an unchanged count is harmless).
     */
    public void coresHeld(ProcView proc, int cores, long nowNanos) {
        if (cores < 0) {
            throw new IllegalArgumentException("cores held must not be negative: " + cores);
        }
        CoreTime procTime = attached(proc).coreTime;
        int change = cores - procTime.held();
        procTime.update(cores, nowNanos);
        coreTime.update(coreTime.held() + change, nowNanos);
    }

    /**
     * Scheduler thread: the kernel ejected the {@code kind} policy named {@code policy}.
     * Allocates the first time a name is seen.
     */
    public void ejection(PolicyKind kind, String policy) {
        ejectionsByPolicy.computeIfAbsent(policy, name -> new AtomicLong()).incrementAndGet();
        events.ejected(kind);
    }

    /** Scheduler thread: the slot of {@code kind} switched to another policy (or to none). */
    public void swapped(PolicyKind kind) {
        events.swapped(kind);
    }

    /** Scheduler thread: a swap of the slot of {@code kind} was abandoned. */
    public void swapFailed(PolicyKind kind) {
        events.swapFailed(kind);
    }

    /** Scheduler thread: one loop iteration ran the engine's passes. */
    public void iteration() {
        events.bump(EventCounters.ITERATIONS);
    }

    /** Scheduler thread: one slow pass measured every proc's delay. */
    public void slowPass() {
        events.bump(EventCounters.SLOW_PASSES);
    }

    /** Scheduler thread: the fast pass saw a kthread give its core back. */
    public void park() {
        events.bump(EventCounters.PARKS);
    }

    /** Scheduler thread: a proc holding no core got work and was reported to the allocator. */
    public void coreNeeded() {
        events.bump(EventCounters.CORE_NEEDED);
    }

    /** Scheduler thread: a grant asked another proc's kthread to cede its core. */
    public void preemption() {
        events.bump(EventCounters.PREEMPTIONS);
    }

    /** Scheduler thread: the allocator took a core back from its owner. */
    public void reclaim() {
        events.bump(EventCounters.RECLAIMS);
    }

    /** Scheduler thread: a grant was refused because a switch was in flight on the core. */
    public void busyCoreRefusal() {
        events.bump(EventCounters.BUSY_CORE_REFUSALS);
    }

    /** Any thread: a packet handler returned without answering its packet. */
    public void packetUnanswered() {
        packetsUnanswered.incrementAndGet();
    }

    /** Any thread: packets whose handler returned without answering them, so far. */
    public long packetsUnanswered() {
        return packetsUnanswered.get();
    }

    /**
     * Any thread: kthread {@code kthreadId} of {@code proc} has used {@code cpuNanos} of CPU
     * time in all. The latest (largest) report is kept; a report for a proc no longer
     * attached is dropped (a kthread may report while its proc closes).
     *
     * @return whether the report was kept for an attached proc
     * @throws IllegalArgumentException if the proc has no kthread of that id
     */
    public boolean kthreadCpuNanos(ProcView proc, int kthreadId, long cpuNanos) {
        ProcMetrics metrics = procs.find(proc.id());
        if (metrics == null || metrics.proc != proc) {
            return false;
        }
        metrics.kthreadCpuNanos(kthreadId, cpuNanos);
        return true;
    }

    /** Any thread: the numbers now. Allocates; takes microseconds per proc. */
    public MetricsSnapshot snapshot() {
        long now = clock.getAsLong();
        ProcIndex attached = procs;
        List<MetricsSnapshot.Proc> procSnapshots = new ArrayList<>(attached.size());
        for (int i = 0; i < attached.size(); i++) {
            procSnapshots.add(attached.get(i).read(now));
        }
        return new MetricsSnapshot(now, global(now, attached.size()), procSnapshots, handOffs.read());
    }

    /** The packet path's hand-off counters; the scheduler thread writes them. */
    public HandOffCounters handOffs() {
        return handOffs;
    }

    /** Any thread: the numbers of the attached proc with this id, or null if none is attached. */
    public MetricsSnapshot.Proc procSnapshot(int procId) {
        ProcMetrics metrics = procs.find(procId);
        return metrics == null ? null : metrics.read(clock.getAsLong());
    }

    /** Any thread: the swaps, failed swaps and ejections of the slot of {@code kind}. */
    public MetricsSnapshot.SlotCounts slotCounts(PolicyKind kind) {
        return events.slot(kind);
    }

    /** Any thread: the global numbers now. */
    public MetricsSnapshot.Global globalSnapshot() {
        return global(clock.getAsLong(), procs.size());
    }

    private MetricsSnapshot.Global global(long now, int attachedProcs) {
        CoreTime.Reading cores = coreTime.read(now);
        Map<String, Long> byPolicy = new TreeMap<>();
        ejectionsByPolicy.forEach((name, count) -> byPolicy.put(name, count.get()));
        return new MetricsSnapshot.Global(attachedProcs, cores.held(), seconds(cores.coreNanos()), tally.read(),
                grantLatency.read(), pickCost.read(), events.loop(), events.slot(PolicyKind.THREAD_PICK),
                events.slot(PolicyKind.CORE_ALLOCATION), byPolicy, packetsUnanswered.get(), pickTotals.read());
    }

    /** Any thread: the live metrics of the attached proc with this id, or null. */
    ProcMetrics find(int procId) {
        return procs.find(procId);
    }

    /** The clock the metrics run on. */
    LongSupplier clock() {
        return clock;
    }

    private ProcMetrics attached(ProcView proc) {
        ProcMetrics metrics = procs.find(proc.id());
        if (metrics == null || metrics.proc != proc) {
            throw new IllegalArgumentException("proc " + proc.id() + " '" + proc.spec().name()
                    + "' is not attached to the metrics");
        }
        return metrics;
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
