package org.danian.framework.engine;

import java.util.List;
import java.util.Objects;

import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.PolicyKind;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * The kernel's own {@link Scheduler} and {@link Engine} on a virtual clock, for the
 * discrete-event simulator ({@code org.danian.framework.sim}): the same passes, policy slots,
 * failsafe, pick path and mailboxes as a running kernel, with no scheduler thread and no
 * kthread threads. The caller stands in for the scheduler thread (every method runs on its
 * thread) and plays the kthreads through the real mailboxes, as {@code EngineHarness} does
 * for the engine's deterministic tests.
 *
 * <p>Public only so that the simulator's package can reach it; the engine package is private
 * to the framework bundle, so nothing outside the bundle sees this class.
 */
public final class VirtualTimeKernel {

    private final ProcTable table;
    private final Scheduler scheduler;
    private final Engine engine;
    private final RuntimeContext runtime;
    private final KernelMetrics metrics;

    /**
     * A kernel with the given policies installed, aiming for {@code threadPick} and
     * {@code coreAllocation} (the policy slots' ladder applies if one is missing).
     *
     * @param clock the virtual clock, read by the metrics (core-time) and the kthreads' spin
     */
    public VirtualTimeKernel(CoreTopology topology, KernelSettings settings, List<ThreadPickPolicy> pickPolicies,
                             List<CoreAllocationPolicy> allocationPolicies, String threadPick,
                             String coreAllocation, java.util.function.LongSupplier clock, System.Logger logger) {
        Objects.requireNonNull(clock, "clock");
        PolicyRegistry registry = new PolicyRegistry();
        for (ThreadPickPolicy policy : pickPolicies) {
            registry.add(PolicyEntry.threadPick(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        }
        for (CoreAllocationPolicy policy : allocationPolicies) {
            registry.add(PolicyEntry.coreAllocation(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        }
        this.table = new ProcTable(topology);
        this.runtime = new RuntimeContext(topology, NativeThreadsLoader.unpinned("virtual time"),
                new SpinThenPark(settings.kthreadSpinNanos(), clock));
        this.metrics = new KernelMetrics(clock);
        this.scheduler = new Scheduler(table, registry, logger, threadPick, coreAllocation, settings.withPinning(false),
                runtime, metrics);
        this.engine = scheduler.engine();
        scheduler.policiesChanged();
    }

    /**
     * Adds a live proc whose kthreads the caller plays.
     *
     * @throws IllegalArgumentException if the name is taken or the allocator refuses the proc
     */
    public ProcView startProc(ProcSpec spec) {
        return scheduler.startProc(spec);
    }

    /** The runtime (queues, runners, core-needed flag) of a proc this kernel started. */
    public ProcRuntime runtime(ProcView proc) {
        return live(proc).runtime;
    }

    /** Kthreads of {@code proc} in the kernel's idle set now. */
    public int idleCount(ProcView proc) {
        return live(proc).idle.size();
    }

    /** Cores {@code proc} holds now, as the kernel counts them. */
    public int coresHeld(ProcView proc) {
        return live(proc).coresHeld;
    }

    /** One loop iteration at virtual time {@code nowNanos}; whether anything happened. */
    public boolean iterate(long nowNanos) {
        return engine.iterate(nowNanos);
    }

    /** The mailboxes, the runner directory and the core-needed signal the kthreads share. */
    public RuntimeContext runtime() {
        return runtime;
    }

    /** The worker cores, in the order the fast pass visits them. */
    public int[] workers() {
        return engine.workers();
    }

    public KernelMetrics metrics() {
        return metrics;
    }

    /** The name of the active policy of {@code kind}, or null while none is. */
    public String activePolicy(PolicyKind kind) {
        PolicyEntry active = scheduler.slot(kind).active();
        return active == null ? null : active.name();
    }

    private ProcEntry live(ProcView proc) {
        if (!(proc instanceof ProcEntry entry) || entry.table() != table) {
            throw new IllegalArgumentException(proc + " is not a proc of this kernel");
        }
        return entry;
    }
}
