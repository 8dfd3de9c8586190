package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;

import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.CoreMailbox;
import org.danian.framework.runtime.KThreadRunner;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.kernel.DriverStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.CoreTopology;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * The live engine, deterministic: the very {@link Scheduler} and {@link Engine} a running
 * kernel uses, with live procs whose kthreads the caller plays through the real mailboxes
 * instead of starting their threads, and a loop the caller steps under a clock it controls.
 * Nothing here is a second proc mode: a grant comes from a core allocator through the
 * allocation context, a park goes through the core's mailbox and is noticed by the fast pass,
 * exactly as with real threads. Everything is single-threaded: the caller stands in for the
 * scheduler thread.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * EngineHarness machine = new EngineHarness(CoreTopology.siblingPairs(4), EngineHarness.DIRECTED, 1, 2, 3);
 * ProcEntry web = machine.proc("web", 3);
 * KThreadEntry first = machine.grant(web, 1);   // the picker chooses; the woken kthread runs
 * machine.park(first);                          // it parks; the fast pass returns it to idle
 * machine.step(10_000);                         // one loop iteration, 10 µs later
 * }</pre>
 *
 * <h2>What is installed</h2>
 * Thread pick: {@code lru} (an LRU test policy) active, more with {@link #addPolicy}.
 * Core allocation: {@value #DIRECTED} (grants exactly what the caller asks through
 * {@link #grant} or {@link #context}, and records what it hears in {@link #heard}) and
 * {@code simple} (the kernel's own); the constructor names the one to run. No packet driver.
 *
 * <p>The clock ({@link #now}), the kthreads' starts and parks, and the arrival of work
 * ({@link #offer}) are all in the caller's hands, so a driver of discrete events can run the
 * kernel's real scheduling code on it.
 */
public final class EngineHarness {

    /** The allocator that grants what the caller asks and records what it hears. */
    public static final String DIRECTED = "directed";

    final RecordingLogger logger = new RecordingLogger();
    final PolicyRegistry registry = new PolicyRegistry();
    final ProcTable table;
    final RuntimeContext runtime;
    final Scheduler scheduler;
    final Engine engine;
    /** Every call the directed allocator heard, in words. */
    final List<String> heard = new ArrayList<>();
    /** The context the active allocator was given. */
    AllocationContext context;
    /** The clock the engine runs on. */
    long now = 1_000_000;
    /** The kernel's metrics on the test clock. */
    final KernelMetrics metrics = new KernelMetrics(() -> now);

    /** Workers are the given cores; the poll interval is 10 µs; {@code lru} picks. */
    public EngineHarness(CoreTopology topology, String allocator, int... workers) {
        this(topology, "lru", allocator, workers);
    }

    /**
     * A slow-pick budget no healthy pick exceeds even on a loaded machine with a cold JIT, so
     * that tests about other things never see the watchdog.
     */
    static final long RELAXED_PICK_BUDGET_NANOS = 10_000_000_000L;

    /** As above, aiming for the thread-pick policy {@code threadPick} (installed or not). */
    public EngineHarness(CoreTopology topology, String threadPick, String allocator, int... workers) {
        this(topology, threadPick, allocator, RELAXED_PICK_BUDGET_NANOS, KernelSettings.DEFAULT_PICK_BUDGET_STRIKES,
                workers);
    }

    /** As above, with the slow-pick watchdog's budget and strikes. */
    EngineHarness(CoreTopology topology, String threadPick, String allocator, long pickBudgetNanos, int strikes,
            int... workers) {
        this.table = new ProcTable(topology);
        this.runtime = new RuntimeContext(topology, NativeThreadsLoader.unpinned("deterministic harness"),
                new SpinThenPark(0, () -> now));
        registry.add(PolicyEntry.threadPick(new LruTestPolicy("lru"), PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        registry.add(PolicyEntry.coreAllocation(new DirectedAllocationPolicy(DIRECTED, this), PolicyEntry.NO_BUNDLE,
                PolicyEntry.NO_BUNDLE));
        registry.add(PolicyEntry.coreAllocation(new ContextSpy(new SimpleAllocationPolicy(), this),
                PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        List<Integer> workerList = new ArrayList<>();
        for (int worker : workers) {
            workerList.add(worker);
        }
        KernelSettings settings = KernelSettings.withCores(topology, 0, workerList).withPinning(false)
                .withPickBudget(pickBudgetNanos, strikes);
        this.scheduler = new Scheduler(table, registry, logger, threadPick, allocator, settings, runtime, metrics);
        this.engine = scheduler.engine();
        scheduler.policiesChanged();
    }

    /** Adds a thread-pick policy; the slot reconciles (a configured one becomes active). */
    public void addPolicy(ThreadPickPolicy policy) {
        registry.add(PolicyEntry.threadPick(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        scheduler.policiesChanged();
    }

    /** Adds a core-allocation policy; the slot reconciles. */
    public void addPolicy(CoreAllocationPolicy policy) {
        registry.add(PolicyEntry.coreAllocation(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        scheduler.policiesChanged();
    }

    /** A policy service went away; the slots reconcile. */
    public void removePolicy(Object policy) {
        registry.remove(policy);
        scheduler.policiesChanged();
    }

    /** An explicit swap, as {@code KernelAdmin.swap}. */
    public SwapResult swap(PolicyKind kind, String name) {
        return scheduler.swap(kind, name);
    }

    /** The configuration changed. */
    public void configure(String threadPick, String coreAllocation) {
        scheduler.configure(threadPick, coreAllocation);
    }

    /** A live proc with the given spec; its threads are not started, the caller plays them. */
    public ProcEntry start(ProcSpec spec) {
        return scheduler.startProc(spec);
    }

    /** A live proc with those parameters and one ticket. */
    ProcEntry start(String name, int kthreads, Priority priority, int guaranteed, int max, long thresholdNanos) {
        return start(new ProcSpec(name, kthreads, priority, guaranteed, max, thresholdNanos, 1));
    }

    /** A latency-critical proc of {@code kthreads} kthreads, as {@link ProcSpec#latencyCritical}. */
    public ProcEntry proc(String name, int kthreads) {
        return start(ProcSpec.latencyCritical(name, kthreads));
    }

    /** Advances the clock and runs one loop iteration. */
    public void step(long advanceNanos) {
        now += advanceNanos;
        engine.iterate(now);
    }

    /** Queues a task stamped now on kthread {@code id}'s run queue. */
    public void offer(ProcEntry proc, int id) {
        proc.runtime.queue(id).offer(() -> { }, now);
    }

    /**
     * Grants {@code core} to {@code proc} through the active allocator's context (the directed
     * allocator's, normally) and plays the woken kthread starting there.
     *
     * @return the kthread now running on the core; null if the context refused the grant (no
     *     idle kthread, the proc at its maximum, a switch in flight)
     */
    public KThreadEntry grant(ProcEntry proc, int core) {
        if (!context.grant(core, proc)) {
            return null;
        }
        return run(proc);
    }

    /** The kthread of {@code proc} that was woken, started on its core as its thread would. */
    public KThreadEntry run(ProcEntry proc) {
        for (int id = 0; id < proc.kthreadCount(); id++) {
            KThreadRunner runner = proc.runtime.runner(id);
            long wake = runner.takeWake();
            if (wake != KThreadRunner.NO_WAKE) {
                runtime.mailbox(KThreadRunner.coreOf(wake)).starting(now);
                runtime.mailbox(KThreadRunner.coreOf(wake)).runDone(KThreadRunner.generationOf(wake));
                return proc.kthread(id);
            }
        }
        throw new AssertionError("no kthread of " + proc + " was woken");
    }

    /**
     * The running kthread parks and the fast pass of one loop iteration (at the same time)
     * returns it to its idle set.
     */
    public void park(KThreadEntry kthread) {
        int core = kthread.running() ? kthread.core : kthread.cedingCore;
        park(kthread, core);
        step(0);
    }

    /**
     * Kthread {@code kthread}, running on {@code core}, parks as its thread would: it gives the
     * core up and, if a newer post waits, wakes that kthread. The engine notices at its next
     * {@link #step}.
     */
    public void park(KThreadEntry kthread, int core) {
        CoreSlot slot = engine.slot(core);
        long generation = table.onCore(core) == kthread ? slot.generation : slot.leavingGeneration;
        runtime.mailbox(core).leaving(now);
        long post = runtime.mailbox(core).park(generation);
        if (post != CoreMailbox.NONE) {
            if (CoreMailbox.kthreadOf(post) == kthread.token) {
                throw new AssertionError("a handover goes to another kthread");
            }
            runtime.directory().get(CoreMailbox.kthreadOf(post)).wake(core, CoreMailbox.generationOf(post));
        }
    }

    /** Whether the kthread that runs {@code core} in the mailbox was asked to cede. */
    public boolean cedeRequested(int core) {
        CoreSlot slot = engine.slot(core);
        long generation = slot.leaving != null ? slot.leavingGeneration : slot.generation;
        return runtime.mailbox(core).shouldCede(generation);
    }

    /**
     * Closes a proc as {@code LiveProc.close} does once drained: no more grants, its running
     * kthreads park (played here), then it is detached.
     */
    public void close(ProcEntry proc) {
        scheduler.retire(proc);
        for (int id = 0; id < proc.kthreadCount(); id++) {
            KThreadEntry kthread = proc.kthread(id);
            if (kthread.running() || kthread.cedingCore != KThreadEntry.NO_CORE) {
                park(kthread);
            }
        }
        scheduler.closeProc(proc);
    }

    /** The status, as {@code KernelAdmin.status}, with no packet driver. */
    public KernelStatus status() {
        return scheduler.status(new DriverStatus("none", false, 0,
                new DriverCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0), 0));
    }

    /** Every policy, as {@code KernelAdmin.policies}. */
    public List<PolicyInfo> policies() {
        return scheduler.policies();
    }

    /** The kernel's invariant, one line per violation; empty when it holds. */
    public List<String> invariantViolations() {
        return InvariantChecker.check(table);
    }

    /** Fails with every violation listed if the kernel's invariant does not hold. */
    public void assertInvariant() {
        List<String> violations = invariantViolations();
        if (!violations.isEmpty()) {
            throw new AssertionError("kernel invariant violated: " + violations);
        }
    }
}
