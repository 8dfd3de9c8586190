package org.danian.framework.shell;

import java.util.Locale;
import java.util.Map;

import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.MetricsSnapshot.Counts;
import org.danian.kernel.MetricsSnapshot.Latency;

/**
 * Renders a {@link MetricsSnapshot} as the text of {@code danian:stats}, for people: a summary
 * line, one table of scheduling numbers (global first, then each proc), one of latencies
 * (grant latency in µs, sampled pick cost in ns), the CPU time and grants of each kthread, the
 * loop's counters, and the pick totals (picks, their estimated wall and CPU time). Scripts ask
 * for {@code --json} instead.
 */
final class StatsReport {

    private static final String GLOBAL = "(all)";

    private StatsReport() {
    }

    static String render(MetricsSnapshot snapshot) {
        MetricsSnapshot.Global global = snapshot.global();
        StringBuilder out = new StringBuilder();
        out.append("procs: ").append(global.attachedProcs())
                .append("   cores held: ").append(global.coresHeld())
                .append("   core-seconds: ").append(fixed(3, global.coreSeconds()))
                .append("   ejections: ").append(global.ejections()).append(byPolicy(global.ejectionsByPolicy()))
                .append('\n');
        out.append('\n').append(scheduling(snapshot));
        out.append('\n').append(latencies(snapshot));
        if (!snapshot.procs().isEmpty()) {
            out.append('\n').append(kthreads(snapshot));
        }
        out.append('\n').append(loop(global));
        out.append('\n').append(handOffs(snapshot.handOffs()));
        out.append('\n').append(pickTotals(global));
        return out.toString();
    }

    private static String pickTotals(MetricsSnapshot.Global global) {
        long picks = global.counts().picks();
        MetricsSnapshot.PickTotals totals = global.pickTotals();
        ShellTable table = new ShellTable("PICKS", "EST. WALL ns", "EST. CPU ns", "CPU p50 ns", "CPU p99 ns",
                "CPU CLOCK READ ns", "CPU CLAMPED", "SLOW PICKS");
        boolean cpuKnown = totals.cpuCost().count() > 0;
        table.row(picks, orNa(totals.estimatedWallNanos(picks)), orNa(totals.estimatedCpuNanos(picks)),
                cpuKnown ? Long.toString(totals.cpuCost().p50Nanos()) : "n/a",
                cpuKnown ? Long.toString(totals.cpuCost().p99Nanos()) : "n/a", orNa(totals.cpuClockReadNanos()),
                totals.cpuClampedSamples(), totals.slowPicks());
        return table.toString();
    }

    private static String orNa(long value) {
        return value < 0 ? "n/a" : Long.toString(value);
    }

    /** The scheduling table of {@code danian:stats}, which {@code danian:status} shows too. */
    static String scheduling(MetricsSnapshot snapshot) {
        ShellTable table = new ShellTable("PROC", "CORES", "CORE-S", "GRANTS", "PICKS", "HITS", "HIT %", "MIGRATIONS");
        MetricsSnapshot.Global global = snapshot.global();
        table.row(schedulingRow(GLOBAL, global.coresHeld(), global.coreSeconds(), global.counts()));
        for (MetricsSnapshot.Proc proc : snapshot.procs()) {
            table.row(schedulingRow(proc.name(), proc.coresHeld(), proc.coreSeconds(), proc.counts()));
        }
        return table.toString();
    }

    private static Object[] schedulingRow(String name, int cores, double coreSeconds, Counts counts) {
        String hitRate = counts.picks() == 0 ? "-" : fixed(1, 100 * counts.localityHitRate());
        return new Object[] {name, cores, fixed(3, coreSeconds), counts.grants(), counts.picks(),
            counts.localityHits(), hitRate, counts.migrations()};
    }

    private static String latencies(MetricsSnapshot snapshot) {
        ShellTable table = new ShellTable("PROC", "GRANT LATENCY µs: N", "P50", "P90", "P99", "P99.9", "MAX",
                "PICK ns: SAMPLES", "P50", "P99");
        MetricsSnapshot.Global global = snapshot.global();
        table.row(latencyRow(GLOBAL, global.grantLatency(), global.pickCost()));
        for (MetricsSnapshot.Proc proc : snapshot.procs()) {
            table.row(latencyRow(proc.name(), proc.grantLatency(), proc.pickCost()));
        }
        return table.toString();
    }

    private static Object[] latencyRow(String name, Latency grant, Latency pick) {
        boolean noGrant = grant.count() == 0;
        boolean noPick = pick.count() == 0;
        return new Object[] {name, grant.count(), micros(noGrant, grant.p50Nanos()), micros(noGrant, grant.p90Nanos()),
            micros(noGrant, grant.p99Nanos()), micros(noGrant, grant.p999Nanos()), micros(noGrant, grant.maxNanos()),
            pick.count(), noPick ? "-" : pick.p50Nanos(), noPick ? "-" : pick.p99Nanos()};
    }

    private static String kthreads(MetricsSnapshot snapshot) {
        ShellTable table = new ShellTable("PROC", "KTHREAD", "CPU ms", "GRANTS");
        for (MetricsSnapshot.Proc proc : snapshot.procs()) {
            for (int id = 0; id < proc.kthreadCpuNanos().size(); id++) {
                table.row(proc.name(), id, fixed(3, proc.kthreadCpuNanos().get(id) / 1e6),
                        proc.kthreadGrants().get(id));
            }
        }
        return table.toString();
    }

    private static String loop(MetricsSnapshot.Global global) {
        MetricsSnapshot.LoopCounts loop = global.loop();
        ShellTable table = new ShellTable("ITERATIONS", "SLOW PASSES", "PARKS", "CORE NEEDED", "PREEMPTIONS",
                "RECLAIMS", "BUSY-CORE REFUSALS", "UNANSWERED PACKETS");
        table.row(loop.iterations(), loop.slowPasses(), loop.parks(), loop.coreNeeded(), loop.preemptions(),
                loop.reclaims(), loop.busyCoreRefusals(), global.packetsUnanswered());
        return table.toString();
    }

    private static String handOffs(MetricsSnapshot.HandOffs handOffs) {
        ShellTable table = new ShellTable("REQUESTS", "SCHEDULER WAKE-UPS", "GRANT WAKE-UPS", "EGRESS HAND-OFFS",
                "FAST REWAKES", "HAND-OFFS/REQUEST");
        table.row(handOffs.requests(), handOffs.schedulerWakeups(), handOffs.kthreadWakes(), handOffs.egress(),
                handOffs.fastRewakes(), fixed(2, handOffs.perRequest()));
        return table.toString();
    }

    private static String byPolicy(Map<String, Long> ejections) {
        if (ejections.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(" (");
        ejections.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry ->
                out.append(out.length() > 2 ? ", " : "").append(entry.getKey()).append(": ").append(entry.getValue()));
        return out.append(')').toString();
    }

    private static String micros(boolean none, long nanos) {
        return none ? "-" : fixed(1, Latency.micros(nanos));
    }

    private static String fixed(int decimals, double value) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }
}
