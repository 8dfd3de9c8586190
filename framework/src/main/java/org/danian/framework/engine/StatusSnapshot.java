package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;

import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.ProcStatus;

/** Builds {@link KernelStatus} snapshots and their warnings. Scheduler thread only. */
final class StatusSnapshot {

    private StatusSnapshot() {
    }

    static KernelStatus take(ProcTable table, PolicySwitch policies, PolicyEvents events,
                             String coreAllocationTarget, PolicyEntry coreAllocation) {
        List<ProcStatus> procs = new ArrayList<>();
        for (ProcEntry proc : table.procs()) {
            List<KThreadStatus> kthreads = new ArrayList<>();
            for (int id = 0; id < proc.kthreadCount(); id++) {
                KThreadEntry kthread = proc.kthread(id);
                kthreads.add(new KThreadStatus(id, kthread.running(), kthread.core, kthread.lastCore,
                        kthread.parkSequence));
            }
            procs.add(new ProcStatus(proc.id(), proc.spec().name(), kthreads));
        }
        PolicyEntry active = policies.active();
        return new KernelStatus(table.topology().coreCount(), procs, active == null ? null : active.name(),
                policies.target(), coreAllocation == null ? null : coreAllocation.name(), coreAllocationTarget,
                events.swaps(), events.failedSwaps(), events.ejections(), events.recent(),
                warnings(policies, coreAllocationTarget, coreAllocation));
    }

    private static List<String> warnings(PolicySwitch policies, String coreAllocationTarget,
                                         PolicyEntry coreAllocation) {
        List<String> warnings = new ArrayList<>();
        PolicyEntry active = policies.active();
        if (active == null) {
            warnings.add(Failsafe.noPolicyLeft());
        } else if (!active.name().equals(policies.target())) {
            warnings.add("the configured thread-pick policy '" + policies.target() + "' is not active"
                    + " (not installed, ejected, or its swap failed): running '" + active.name() + "'");
        }
        if (coreAllocation == null) {
            warnings.add("the configured " + PolicyKind.CORE_ALLOCATION.label() + " policy '"
                    + coreAllocationTarget + "' is not installed");
        }
        return warnings;
    }
}
