package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.kernel.DriverStatus;
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicySlotStatus;
import org.danian.kernel.ProcStatus;

/** Builds {@link KernelStatus} snapshots and their warnings. Scheduler thread only. */
final class StatusSnapshot {

    private StatusSnapshot() {
    }

    static KernelStatus take(ProcTable table, KernelSettings settings, PolicySlot<?> threadPick,
                             PolicySlot<?> coreAllocation, KernelMetrics metrics, PolicyEvents events,
                             DriverStatus packets) {
        List<ProcStatus> procs = new ArrayList<>();
        for (ProcEntry proc : table.procs()) {
            List<KThreadStatus> kthreads = new ArrayList<>();
            for (int id = 0; id < proc.kthreadCount(); id++) {
                KThreadEntry kthread = proc.kthread(id);
                KThreadStatus.State state = kthread.state();
                int core = state == KThreadStatus.State.CEDING ? kthread.cedingCore : kthread.core;
                kthreads.add(new KThreadStatus(id, state, core, kthread.lastCore,
                        state == KThreadStatus.State.IDLE ? kthread.parkSequence : 0, kthread.tickets()));
            }
            procs.add(new ProcStatus(proc.id(), proc.spec(), proc.coresHeld, proc.delayNanos, kthreads));
        }
        List<String> warnings = new ArrayList<>();
        addIfPresent(warnings, threadPick.warning());
        addIfPresent(warnings, coreAllocation.warning());
        if (!packets.installed()) {
            warnings.add("the configured packet driver '" + packets.configured() + "' is not installed:"
                    + " ports cannot be opened");
        }
        return new KernelStatus(settings, table.topology().coreCount(), procs, slot(threadPick, metrics),
                slot(coreAllocation, metrics), packets, events.recent(), warnings);
    }

    private static PolicySlotStatus slot(PolicySlot<?> slot, KernelMetrics metrics) {
        MetricsSnapshot.SlotCounts counts = metrics.slotCounts(slot.kind());
        PolicyEntry active = slot.active();
        return new PolicySlotStatus(slot.kind(), slot.target(), active == null ? null : active.name(), counts.swaps(),
                counts.failedSwaps(), counts.ejections());
    }

    private static void addIfPresent(List<String> warnings, String warning) {
        if (warning != null) {
            warnings.add(warning);
        }
    }
}
