package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.kernel.DriverStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.ProcSpec;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.pick.ThreadPicker;

/**
 * Everything the scheduler thread does to scheduling state, one method per kernel operation,
 * plus the {@link Engine} that the loop iterates between operations. It is only ever called on
 * the scheduler thread (through {@link SchedulerThread}, or a deterministic test standing in
 * for it), so it takes no lock.
 *
 * <p>Every proc is live: its kthreads are threads of a {@link ProcRuntime}, granted cores by
 * the active core allocator through the engine. The two policy slots ({@link PolicySlot}) are
 * built here and wired to their seams.
 */
final class Scheduler {

    private final ProcTable table;
    private final PolicyRegistry registry;
    private final PolicyEvents events = new PolicyEvents();
    private final KernelMetrics metrics;
    private final KernelSettings settings;
    private final PickSeam picks;
    private final PolicySlot<ThreadPicker[]> pickSlot;
    private final AllocatorSeam allocators;
    private final PolicySlot<CoreAllocator> allocatorSlot;
    private final Engine engine;
    private long procSeeds;

    Scheduler(ProcTable table, PolicyRegistry registry, System.Logger logger, String threadPick,
              String coreAllocation, KernelSettings settings, RuntimeContext runtime, KernelMetrics metrics) {
        this.table = table;
        this.registry = registry;
        this.metrics = metrics;
        this.settings = settings;
        this.picks = new PickSeam(table, new PickClock(runtime.nativeThreads()),
                new PickWatchdog(settings.pickBudgetNanos(), settings.pickBudgetStrikes(), metrics, logger), metrics);
        this.pickSlot = new PolicySlot<>(PolicyKind.THREAD_PICK, threadPick, picks, registry, events, metrics, logger);
        picks.slot(pickSlot);
        this.engine = new Engine(table, picks, runtime, settings, metrics);
        this.allocators = new AllocatorSeam(table, new AllocatorHost(table, engine, metrics));
        this.allocatorSlot = new PolicySlot<>(PolicyKind.CORE_ALLOCATION, coreAllocation, allocators, registry,
                events, metrics, logger);
        allocators.slot(allocatorSlot);
        engine.allocators(allocators);
    }

    Engine engine() {
        return engine;
    }

    ProcTable table() {
        return table;
    }

    /**
     * Adds a live proc: its runtime (threads not started: the caller starts them, or a
     * deterministic test plays them), a mailbox token per kthread, a picker, and the
     * allocator's attach.
     *
     * @throws IllegalArgumentException if the name is taken or the allocator refuses the proc
     */
    ProcEntry startProc(ProcSpec spec) {
        ProcEntry proc = table.add(spec);
        RuntimeContext context = engine.runtime();
        proc.runtime = new ProcRuntime(spec.name(), spec.kthreads(), context, 0x5DEECE66DL * ++procSeeds,
                (kthread, cpuNanos) -> metrics.kthreadCpuNanos(proc, kthread, cpuNanos));
        for (int id = 0; id < proc.kthreadCount(); id++) {
            int token = context.directory().register(proc.runtime.runner(id));
            proc.kthread(id).token = token;
            proc.runtime.runner(id).token(token);
        }
        picks.attach(proc);
        metrics.procAttached(proc);
        if (!allocators.attach(proc)) {
            closeProc(proc);
            PolicyEntry allocator = allocatorSlot.active();
            throw new IllegalArgumentException("core allocator '" + (allocator == null ? "?" : allocator.name())
                    + "' refused proc '" + spec.name() + "' (guaranteed " + spec.guaranteedCores()
                    + " cores, max " + spec.maxCores() + ")");
        }
        return proc;
    }

    /** The runtimes of the live procs, in creation order. */
    List<ProcRuntime> runtimes() {
        List<ProcRuntime> runtimes = new ArrayList<>();
        for (ProcEntry proc : table.procs()) {
            runtimes.add(proc.runtime);
        }
        return runtimes;
    }

    /** A proc drained: no more grants; its kthreads park as they run out of work. */
    void retire(ProcEntry proc) {
        table.live(proc).retiring = true;
    }

    /** Whether every kthread of a live proc is idle (then it may be detached). */
    boolean allIdle(ProcEntry proc) {
        return Engine.allIdle(table.live(proc));
    }

    /**
     * Detaches a proc whose kthreads are all idle (a close, or a start the allocator refused):
     * the allocator and the metrics forget it, its tokens are released, and its picker hears
     * every idle kthread leave.
     */
    void closeProc(ProcEntry proc) {
        table.live(proc);
        table.remove(proc);
        allocators.detach(proc);
        metrics.procDetached(proc);
        for (int id = 0; id < proc.kthreadCount(); id++) {
            engine.runtime().directory().release(proc.kthread(id).token);
        }
        ThreadPicker picker = proc.picker;
        proc.picker = null;
        for (KThreadEntry kthread = proc.idle.oldest(); kthread != null; kthread = proc.idle.oldest()) {
            proc.idle.remove(kthread);
            if (picker != null) {
                picker = picks.removed(proc, picker, kthread);
            }
        }
    }

    /** An explicit swap of one slot. */
    SwapResult swap(PolicyKind kind, String name) {
        return slot(kind).swapTo(name);
    }

    /** The configuration changed (ConfigAdmin PID {@code org.danian.kernel}). */
    void configure(String threadPick, String coreAllocation) {
        pickSlot.configure(threadPick);
        allocatorSlot.configure(coreAllocation);
    }

    /** Policy services came or went. */
    void policiesChanged() {
        pickSlot.reconcile();
        allocatorSlot.reconcile();
    }

    PolicySlot<?> slot(PolicyKind kind) {
        return kind == PolicyKind.THREAD_PICK ? pickSlot : allocatorSlot;
    }

    /** Every policy service, thread-pick first, each kind by name. */
    List<PolicyInfo> policies() {
        List<PolicyInfo> result = new ArrayList<>();
        for (PolicyKind kind : PolicyKind.values()) {
            PolicySlot<?> slot = slot(kind);
            List<PolicyEntry> entries = registry.entries(kind);
            entries.sort((a, b) -> a.name().compareTo(b.name()));
            for (PolicyEntry entry : entries) {
                result.add(new PolicyInfo(entry.name(), kind, entry.bundleSymbolicName(), entry.bundleVersion(),
                        entry == slot.active(), slot.isEjected(entry)));
            }
        }
        return result;
    }

    /** The recent policy events, oldest first. */
    List<PolicyEvent> events() {
        return events.recent();
    }

    /**
     * A consistent snapshot, with the packet driver's status as the kernel gives it. The
     * settings show the packet driver configured now, which may have changed since the start.
     */
    KernelStatus status(DriverStatus packets) {
        return StatusSnapshot.take(table, settings.withPacketDriver(packets.configured()), pickSlot, allocatorSlot,
                metrics, events, packets);
    }
}
