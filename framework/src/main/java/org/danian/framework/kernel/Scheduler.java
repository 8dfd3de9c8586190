package org.danian.framework.kernel;

import java.util.ArrayList;
import java.util.List;

import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;

/**
 * Everything the scheduler thread does to scheduling state, one method per kernel operation.
 * It is only ever called on the scheduler thread (through {@link SchedulerThread}), so it
 * takes no lock; the live loop's passes will call the same {@link #park} and {@link #grant},
 * which allocate nothing unless a policy breaks its contract.
 */
final class Scheduler {

    private final ProcTable table;
    private final PolicyRegistry registry;
    private final PolicyEvents events = new PolicyEvents();
    private final PolicySwitch policies;
    private String coreAllocationTarget;

    Scheduler(ProcTable table, PolicyRegistry registry, System.Logger logger, String threadPick,
              String coreAllocation) {
        this.table = table;
        this.registry = registry;
        this.policies = new PolicySwitch(table, registry, events, logger, threadPick);
        this.coreAllocationTarget = coreAllocation;
    }

    ProcEntry createProc(ProcSpec spec) {
        ProcEntry proc = table.add(spec);
        policies.attach(proc);
        return proc;
    }

    void closeProc(ProcView view) {
        ProcEntry proc = table.live(view);
        table.remove(proc);
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
        int core = table.leaveCore(kthread);
        table.appendIdle(kthread);
        policies.failsafe().parked(kthread.proc(), kthread, core);
    }

    KThreadEntry grant(ProcView view, int core) {
        ProcEntry proc = table.live(view);
        table.requireFreeCore(core);
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
        coreAllocationTarget = coreAllocation;
        policies.configure(threadPick);
    }

    /** Policy services came or went. */
    void policiesChanged() {
        policies.reconcile();
    }

    String activeThreadPick() {
        PolicyEntry active = policies.active();
        return active == null ? null : active.name();
    }

    /**
     * The selected core-allocation policy: the configured one if installed. The live engine
     * creates its allocator from this selection.
     */
    PolicyEntry activeCoreAllocation() {
        return registry.find(PolicyKind.CORE_ALLOCATION, coreAllocationTarget, entry -> true);
    }

    List<PolicyInfo> policies() {
        List<PolicyInfo> result = new ArrayList<>();
        PolicyEntry coreAllocation = activeCoreAllocation();
        for (PolicyKind kind : PolicyKind.values()) {
            List<PolicyEntry> entries = registry.entries(kind);
            entries.sort((a, b) -> a.name().compareTo(b.name()));
            for (PolicyEntry entry : entries) {
                boolean active = entry == policies.active() || entry == coreAllocation;
                result.add(new PolicyInfo(entry.name(), kind, entry.bundleSymbolicName(),
                        entry.bundleVersion(), active, policies.failsafe().isEjected(entry)));
            }
        }
        return result;
    }

    KernelStatus status() {
        return StatusSnapshot.take(table, policies, events, coreAllocationTarget, activeCoreAllocation());
    }

    List<String> invariantViolations() {
        return InvariantChecker.check(table);
    }
}
