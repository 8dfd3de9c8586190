package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * Everything the scheduler thread does to scheduling state, one method per kernel operation,
 * plus the live {@link Engine} that the loop iterates between operations. It is only ever
 * called on the scheduler thread (through {@link SchedulerThread}), so it takes no lock.
 *
 * <p>Two kinds of procs share the tables: caller-driven ones ({@link #createProc}), whose
 * grants and parks come from kernel calls, and live ones ({@link #startProc}), whose kthreads
 * are threads granted cores by the core allocator. The allocator attaches live procs only.
 */
final class Scheduler {

    private final ProcTable table;
    private final PolicyRegistry registry;
    private final PolicyEvents events;
    private final KernelMetrics metrics;
    private final PolicySwitch policies;
    private final Engine engine;
    private final AllocatorSwitch allocators;
    private long procSeeds;

    Scheduler(ProcTable table, PolicyRegistry registry, System.Logger logger, String threadPick,
              String coreAllocation, EngineSettings settings, RuntimeContext runtime, KernelMetrics metrics) {
        this.table = table;
        this.registry = registry;
        this.metrics = metrics;
        this.events = new PolicyEvents(metrics);
        this.policies = new PolicySwitch(table, registry, events, logger, threadPick);
        this.engine = new Engine(table, policies, runtime, settings, metrics);
        this.allocators = new AllocatorSwitch(table, registry, events, logger, new AllocatorHost(table, engine),
                engine.counters(), coreAllocation);
        engine.allocators(allocators);
    }

    Engine engine() {
        return engine;
    }

    /**
     * Creates a live proc: its runtime (threads started only if {@code startThreads}; tests
     * that play the kthreads themselves pass false), a mailbox token per kthread, a picker,
     * and the allocator's attach.
     *
     * @throws IllegalArgumentException if the name is taken or the allocator refuses the proc
     */
    ProcEntry startProc(ProcSpec spec, boolean startThreads) {
        ProcEntry proc = table.add(spec);
        RuntimeContext context = engine.runtime();
        proc.runtime = new ProcRuntime(spec.name(), spec.kthreads(), context, 0x5DEECE66DL * ++procSeeds,
                (kthread, cpuNanos) -> metrics.kthreadCpuNanos(proc, kthread, cpuNanos));
        for (int id = 0; id < proc.kthreadCount(); id++) {
            int token = context.directory().register(proc.runtime.runner(id));
            proc.kthread(id).token = token;
            proc.runtime.runner(id).token(token);
        }
        policies.attach(proc);
        metrics.procAttached(proc);
        if (!allocators.attach(proc)) {
            closeProc(proc);
            PolicyEntry allocator = allocators.activeEntry();
            throw new IllegalArgumentException("core allocator '" + (allocator == null ? "?" : allocator.name())
                    + "' refused proc '" + spec.name() + "' (guaranteed " + spec.guaranteedCores()
                    + " cores, max " + spec.maxCores() + ")");
        }
        if (startThreads) {
            proc.runtime.start();
        }
        return proc;
    }

    /** The API objects of the live procs, in creation order. */
    List<LiveProcHandle> liveHandles() {
        List<LiveProcHandle> handles = new ArrayList<>();
        for (ProcEntry proc : table.procs()) {
            if (proc.handle != null) {
                handles.add(proc.handle);
            }
        }
        return handles;
    }

    /** A live proc drained: no more grants; its kthreads park as they run out of work. */
    void retire(ProcEntry proc) {
        table.live(proc);
        proc.retiring = true;
    }

    /** Whether every kthread of a live proc is idle (then it may be detached). */
    boolean allIdle(ProcEntry proc) {
        return Engine.allIdle(table.live(proc));
    }

    ProcEntry createProc(ProcSpec spec) {
        ProcEntry proc = table.add(spec);
        policies.attach(proc);
        return proc;
    }

    void closeProc(ProcView view) {
        ProcEntry proc = table.live(view);
        for (int id = 0; id < proc.kthreadCount(); id++) {
            if (proc.kthread(id).running() && proc.runtime == null) {
                engine.coreFreedByCaller(proc.kthread(id).core);
            }
        }
        table.remove(proc);
        if (proc.runtime != null) {
            allocators.detach(proc);
            metrics.procDetached(proc);
            for (int id = 0; id < proc.kthreadCount(); id++) {
                engine.runtime().directory().release(proc.kthread(id).token);
            }
        }
        ThreadPicker picker = proc.picker;
        proc.picker = null;
        for (KThreadEntry kthread = proc.idle.oldest(); kthread != null; kthread = proc.idle.oldest()) {
            proc.idle.remove(kthread);
            if (picker != null) {
                picker = policies.failsafe().removed(proc, picker, kthread);
            }
        }
    }

    void park(KThreadView view) {
        KThreadEntry kthread = table.live(view);
        if (!kthread.running()) {
            throw new IllegalStateException(kthread + " is not running, so it cannot park");
        }
        if (kthread.proc().runtime != null) {
            throw new IllegalStateException(kthread + " belongs to a live proc: it parks by itself");
        }
        int core = table.leaveCore(kthread);
        table.appendIdle(kthread);
        policies.failsafe().parked(kthread.proc(), kthread, core);
        engine.coreFreedByCaller(core);
    }

    KThreadEntry grant(ProcView view, int core) {
        ProcEntry proc = table.live(view);
        if (proc.runtime != null) {
            throw new IllegalArgumentException(proc + " is live: its cores come from the core allocator");
        }
        table.requireFreeCore(core);
        if (engine.isWorker(core) && engine.slot(core).leaving != null) {
            throw new IllegalStateException("core " + core + " is busy: " + engine.slot(core).leaving
                    + " is ceding it");
        }
        if (proc.idle.size() == 0) {
            return null;
        }
        KThreadEntry chosen = policies.failsafe().pick(proc, core);
        proc.idle.remove(chosen);
        table.run(chosen, core);
        return chosen;
    }

    SwapResult swap(String name) {
        return policies.swapTo(name);
    }

    /** The configuration changed (ConfigAdmin PID {@code org.danian.kernel}). */
    void configure(String threadPick, String coreAllocation) {
        policies.configure(threadPick);
        allocators.configure(coreAllocation);
    }

    /** Policy services came or went. */
    void policiesChanged() {
        policies.reconcile();
        allocators.reconcile();
    }

    String activeThreadPick() {
        PolicyEntry active = policies.active();
        return active == null ? null : active.name();
    }

    /** The core-allocation policy whose allocator is running, or null. */
    PolicyEntry activeCoreAllocation() {
        return allocators.activeEntry();
    }

    List<PolicyInfo> policies() {
        List<PolicyInfo> result = new ArrayList<>();
        PolicyEntry coreAllocation = activeCoreAllocation();
        for (PolicyKind kind : PolicyKind.values()) {
            List<PolicyEntry> entries = registry.entries(kind);
            entries.sort((a, b) -> a.name().compareTo(b.name()));
            for (PolicyEntry entry : entries) {
                boolean active = entry == policies.active() || entry == coreAllocation;
                boolean ejected = policies.failsafe().isEjected(entry) || allocators.isEjected(entry);
                result.add(new PolicyInfo(entry.name(), kind, entry.bundleSymbolicName(),
                        entry.bundleVersion(), active, ejected));
            }
        }
        return result;
    }

    KernelStatus status() {
        return StatusSnapshot.take(table, policies, events, allocators.target(), activeCoreAllocation());
    }

    List<String> invariantViolations() {
        return InvariantChecker.check(table);
    }
}
