package org.danian.workloads.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The summary table of an experiment, one row per run (workload × policy): its last (highest
 * load) point's throughput and p99, the server's mean CPU use, and the mean pick cost.
 */
final class Summary {

    private Summary() {
    }

    static ReportTable of(List<RunTable> tables) {
        ReportTable table = new ReportTable("WORKLOAD", "POLICY", "POINTS", "LAST POINT", "RPS", "P99 µs",
                "SERVER CPU %", "PICK CPU ns", "PICK WALL ns");
        for (RunTable run : tables) {
            if (run.rows().isEmpty()) {
                continue;
            }
            Map<String, String> last = run.rows().get(run.rows().size() - 1);
            PickCost cost = PickCost.byPolicy(List.of(run)).get(run.policy());
            table.row(run.workload(), run.policy(), Integer.toString(run.rows().size()),
                    pointLabel(run.workload(), last.getOrDefault("point", PointResult.NOT_AVAILABLE)),
                    cell(last, run.workload().equals("synthetic") ? "actual_rps" : "rps"),
                    cell(last, "p99_us"), format(run.mean(PointResult.SERVER_CPU_PERCENT)),
                    format(cost.cpuNanosPerPick()), format(cost.wallNanosPerPick()));
        }
        return table;
    }

    private static String pointLabel(String workload, String point) {
        return point + (workload.equals("synthetic") ? " rps offered" : " threads");
    }

    /** The cell as the client wrote it (so "inf" stays "inf"), or n/a. */
    private static String cell(Map<String, String> row, String column) {
        String value = row.get(column);
        return value == null || value.isEmpty() ? PointResult.NOT_AVAILABLE : value;
    }

    static String format(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.1f", value.getAsDouble()) : PointResult.NOT_AVAILABLE;
    }
}
