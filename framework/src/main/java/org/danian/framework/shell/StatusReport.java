package org.danian.framework.shell;

import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.ProcStatus;
import org.danian.spi.KThreadView;
import org.danian.spi.net.DriverCounters;

/** Renders a {@link KernelStatus} as the text of {@code danian:status}. */
final class StatusReport {

    private StatusReport() {
    }

    static String render(KernelStatus status) {
        StringBuilder out = new StringBuilder();
        out.append("thread-pick policy:     ").append(orNone(status.activeThreadPick()))
                .append(" (configured: ").append(status.configuredThreadPick()).append(")\n");
        out.append("core-allocation policy: ").append(orNone(status.activeCoreAllocation()))
                .append(" (configured: ").append(status.configuredCoreAllocation()).append(")\n");
        out.append("swaps: ").append(status.swaps()).append("   failed swaps: ").append(status.failedSwaps())
                .append("   ejections: ").append(status.ejections()).append('\n');
        out.append('\n').append(procs(status));
        out.append('\n').append(cores(status));
        if (!status.events().isEmpty()) {
            out.append('\n').append(events(status));
        }
        if (!status.warnings().isEmpty()) {
            out.append("\nWARNINGS\n");
            status.warnings().forEach(warning -> out.append("  ").append(warning).append('\n'));
        }
        return out.toString();
    }

    private static String procs(KernelStatus status) {
        if (status.procs().isEmpty()) {
            return "no procs\n";
        }
        TextTable procs = new TextTable("PROC", "NAME", "KTHREADS", "RUNNING", "IDLE");
        TextTable kthreads = new TextTable("PROC", "KTHREAD", "STATE", "CORE", "LAST CORE", "PARK #");
        for (ProcStatus proc : status.procs()) {
            procs.row(proc.id(), proc.name(), proc.kthreads().size(), proc.runningCount(), proc.idleCount());
            for (KThreadStatus kthread : proc.kthreads()) {
                kthreads.row(proc.name(), kthread.id(), kthread.running() ? "running" : "idle",
                        core(kthread.core()), core(kthread.lastCore()),
                        kthread.running() ? "-" : Long.toString(kthread.parkSequence()));
            }
        }
        return procs + "\n" + kthreads;
    }

    private static String cores(KernelStatus status) {
        String[] runs = new String[status.coreCount()];
        java.util.Arrays.fill(runs, "idle");
        for (ProcStatus proc : status.procs()) {
            for (KThreadStatus kthread : proc.kthreads()) {
                if (kthread.running()) {
                    runs[kthread.core()] = proc.name() + "/" + kthread.id();
                }
            }
        }
        TextTable cores = new TextTable("CORE", "RUNS");
        for (int core = 0; core < runs.length; core++) {
            cores.row(core, runs[core]);
        }
        return cores.toString();
    }

    private static String events(KernelStatus status) {
        TextTable events = new TextTable("EVENT", "TYPE", "POLICY", "THEN ACTIVE", "REASON");
        for (PolicyEvent event : status.events()) {
            events.row(event.sequence(), event.type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    event.policy(), orNone(event.fallback()), event.reason());
        }
        return events.toString();
    }

    /** The packet driver's counters: what arrived, where it went, why some was dropped. */
    static String packets(DriverCounters counters) {
        TextTable table = new TextTable("PACKETS", "RECEIVED", "DELIVERED", "SENT", "DROPPED", "UNROUTABLE",
                "INGRESS FULL", "NO BUFFER", "TRUNCATED", "OVERSIZED", "TX FAILED");
        table.row("kernel-udp", counters.received(), counters.delivered(), counters.sent(), counters.dropped(),
                counters.unroutable(), counters.ingressFull(), counters.noBuffer(), counters.truncated(),
                counters.oversized(), counters.transmitFailed());
        return table.toString();
    }

    private static String core(int core) {
        return core == KThreadView.NO_CORE ? "-" : Integer.toString(core);
    }

    private static String orNone(String name) {
        return name == null ? "none" : name;
    }
}
