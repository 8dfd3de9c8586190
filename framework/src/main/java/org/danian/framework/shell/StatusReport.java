package org.danian.framework.shell;

import java.util.Arrays;
import java.util.Locale;

import org.danian.kernel.DriverStatus;
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicySlotStatus;
import org.danian.kernel.ProcStatus;
import org.danian.kernel.ThreadPriority;
import org.danian.spi.KThreadView;
import org.danian.spi.net.DriverCounters;

/**
 * Renders a {@link KernelStatus} as the text of {@code danian:status}, for people; scripts ask
 * for {@code --json} instead.
 */
final class StatusReport {

    private StatusReport() {
    }

    static String render(KernelStatus status) {
        StringBuilder out = new StringBuilder();
        out.append(slot(status.threadPick())).append(slot(status.coreAllocation()));
        out.append('\n').append(settings(status.settings()));
        out.append("pinning: ").append(status.pinning().pinned() ? "pinned" : "not pinned")
                .append(" (pinThreads=").append(status.pinning().mode()).append("): ")
                .append(status.pinning().reason()).append('\n');
        out.append("priority: ").append(priority(status.priority())).append('\n');
        out.append('\n').append(procs(status));
        out.append('\n').append(cores(status));
        out.append('\n').append(packets(status.packets()));
        if (!status.events().isEmpty()) {
            out.append('\n').append(events(status));
        }
        if (!status.warnings().isEmpty()) {
            out.append("\nWARNINGS\n");
            status.warnings().forEach(warning -> out.append("  ").append(warning).append('\n'));
        }
        return out.toString();
    }

    private static String slot(PolicySlotStatus slot) {
        return String.format(Locale.ROOT, "%-24s%s (configured: %s)   swaps: %d   failed swaps: %d   ejections: %d%n",
                slot.kind().label() + " policy:", orNone(slot.active()), slot.configured(), slot.swaps(),
                slot.failedSwaps(), slot.ejections());
    }

    private static String settings(KernelSettings settings) {
        ShellTable table = new ShellTable("SCHEDULER CORE", "WORKER CORES", "POLL µs", "IDLE", "KTHREAD SPIN ns",
                "PINNED", "PACKET DRIVER", "PICK BUDGET µs");
        table.row(settings.schedulerCore(), settings.workerCores(), settings.pollIntervalNanos() / 1_000.0,
                settings.idleStrategy(), settings.kthreadSpinNanos(), settings.pinThreads() ? "yes" : "no",
                settings.packetDriver(), settings.pickBudgetNanos() / 1_000.0 + " × " + settings.pickBudgetStrikes());
        return table.toString();
    }

    private static String priority(ThreadPriority priority) {
        String kthreads = priority.kthreadsRefused() == 0 ? ""
                : " (" + priority.kthreadsRefused() + " kthreads refused it)";
        return (priority.applied() ? "nice " + priority.requested() : "nice not set") + ": " + priority.reason()
                + kthreads;
    }

    private static String procs(KernelStatus status) {
        if (status.procs().isEmpty()) {
            return "no procs\n";
        }
        ShellTable procs = new ShellTable("PROC", "NAME", "KTHREADS", "RUNNING", "IDLE", "CEDING", "CORES",
                "DELAY µs");
        ShellTable kthreads = new ShellTable("PROC", "KTHREAD", "STATE", "CORE", "LAST CORE", "PARK #", "TICKETS");
        for (ProcStatus proc : status.procs()) {
            procs.row(proc.id(), proc.name(), proc.kthreads().size(), proc.count(KThreadStatus.State.RUNNING),
                    proc.count(KThreadStatus.State.IDLE), proc.count(KThreadStatus.State.CEDING), proc.coresHeld(),
                    proc.delayNanos() / 1_000.0);
            for (KThreadStatus kthread : proc.kthreads()) {
                kthreads.row(proc.name(), kthread.id(), kthread.state().name().toLowerCase(Locale.ROOT),
                        core(kthread.core()), core(kthread.lastCore()),
                        kthread.state() == KThreadStatus.State.IDLE ? Long.toString(kthread.parkSequence()) : "-",
                        kthread.tickets());
            }
        }
        return procs + "\n" + kthreads;
    }

    private static String cores(KernelStatus status) {
        String[] runs = new String[status.coreCount()];
        Arrays.fill(runs, "idle");
        runs[status.settings().schedulerCore()] = "(scheduler)";
        for (ProcStatus proc : status.procs()) {
            for (KThreadStatus kthread : proc.kthreads()) {
                if (kthread.running()) {
                    runs[kthread.core()] = proc.name() + "/" + kthread.id();
                }
            }
        }
        ShellTable cores = new ShellTable("CORE", "RUNS");
        for (int core = 0; core < runs.length; core++) {
            cores.row(core, runs[core]);
        }
        return cores.toString();
    }

    private static String events(KernelStatus status) {
        ShellTable events = new ShellTable("EVENT", "KIND", "TYPE", "POLICY", "THEN ACTIVE", "REASON");
        for (PolicyEvent event : status.events()) {
            events.row(event.sequence(), event.kind().label(),
                    event.type().name().toLowerCase(Locale.ROOT).replace('_', ' '), event.policy(),
                    orNone(event.fallback()), event.reason());
        }
        return events.toString();
    }

    /** The packet driver and its counters: what arrived, where it went, why some was dropped. */
    private static String packets(DriverStatus packets) {
        DriverCounters counters = packets.counters();
        ShellTable table = new ShellTable("DRIVER", "PORTS", "RECEIVED", "DELIVERED", "SENT", "DROPPED", "UNROUTABLE",
                "INGRESS FULL", "NO BUFFER", "TRUNCATED", "OVERSIZED", "MALFORMED", "BAD CHECKSUM", "TX FAILED",
                "UNANSWERED");
        table.row(packets.configured() + (packets.installed() ? "" : " (not installed)"), packets.openPorts(),
                counters.received(), counters.delivered(), counters.sent(), counters.dropped(), counters.unroutable(),
                counters.ingressFull(), counters.noBuffer(), counters.truncated(), counters.oversized(),
                counters.malformed(), counters.badChecksum(), counters.transmitFailed(), packets.unanswered());
        StringBuilder own = new StringBuilder();
        counters.driverSpecific().forEach((name, value) -> own.append("  ").append(name).append('=').append(value));
        return own.length() == 0 ? table.toString() : table + "driver's own counters:" + own + "\n";
    }

    private static String core(int core) {
        return core == KThreadView.NO_CORE ? "-" : Integer.toString(core);
    }

    private static String orNone(String name) {
        return name == null ? "none" : name;
    }
}
