package org.danian.workloads.experiment;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The summary table of an experiment, one row per run (workload × policy): at its last
 * (highest-load) point, the throughput and p99 latency; the server's mean CPU use; the mean
 * pick cost; each as the mean over the repeats ± its 95% interval. The last column compares
 * the run's throughput with the best of its workload by Welch's t-test: a difference that is
 * not significant at 5% is marked so, and with a single repeat nothing can be tested.
 */
final class Summary {

    /** The header of the comparison column. */
    static final String VERSUS_BEST = "VS BEST RPS";

    private Summary() {
    }

    static ReportTable of(List<RunTable> tables) {
        ReportTable table = new ReportTable("WORKLOAD", "POLICY", "REPEATS", "LAST POINT", "RPS", "P99 µs",
                "SERVER CPU %", "PICK CPU ns", "PICK WALL ns", VERSUS_BEST);
        for (RunTable run : tables) {
            String last = Repeats.lastPoint(run);
            if (last == null) {
                continue;
            }
            String rate = Repeats.rateColumn(run.workload());
            table.row(run.workload(), run.policy(), Integer.toString(run.repeats().size()),
                    pointLabel(run.workload(), last), Repeats.at(run, last, rate).format(2),
                    p99(run, last), Repeats.meanPerRepeat(run, PointResult.SERVER_CPU_PERCENT).format(1),
                    Repeats.pickCpu(List.of(run), run.policy()).format(1),
                    Repeats.pickWall(List.of(run), run.policy()).format(1), versusBest(run, tables));
        }
        return table;
    }

    /** The p99 at a point; "inf" in some repeats is said, not averaged. */
    private static String p99(RunTable run, String point) {
        int infinite = Repeats.missingAt(run, point, "p99_us");
        Interval finite = Repeats.at(run, point, "p99_us");
        if (infinite == 0) {
            return finite.format(1);
        }
        String cell = run.rowsAt(point).get(0).getOrDefault("p99_us", PointResult.NOT_AVAILABLE);
        if (!finite.known()) {
            return cell.isEmpty() ? PointResult.NOT_AVAILABLE : cell; // as the client wrote it, e.g. inf
        }
        return finite.format(1) + " (" + infinite + " of " + run.rowsAt(point).size() + " repeats n/a or inf)";
    }

    /**
     * How this run's last-point throughput compares with the best (highest mean) of its
     * workload: "best", "lower (p=…)" if significantly lower, "not significant (p=…)", or "untested
     * (1 repeat)".
     */
    static String versusBest(RunTable run, List<RunTable> tables) {
        Optional<Map.Entry<RunTable, Interval>> best = tables.stream()
                .filter(t -> t.workload().equals(run.workload()) && Repeats.lastPoint(t) != null)
                .map(t -> Map.entry(t, Repeats.at(t, Repeats.lastPoint(t), Repeats.rateColumn(t.workload()))))
                .filter(e -> e.getValue().known())
                .max(Comparator.comparingDouble(e -> e.getValue().mean()));
        Interval mine = Repeats.at(run, Repeats.lastPoint(run), Repeats.rateColumn(run.workload()));
        if (best.isEmpty() || !mine.known()) {
            return PointResult.NOT_AVAILABLE;
        }
        if (best.get().getKey() == run) {
            return "best";
        }
        double p = mine.pValue(best.get().getValue());
        if (Double.isNaN(p)) {
            return "untested (" + Math.min(mine.n(), best.get().getValue().n()) + " repeat)";
        }
        String vs = " vs " + best.get().getKey().policy() + String.format(Locale.ROOT, " (p=%.3f)", p);
        return p < Interval.ALPHA ? "lower" + vs : "not significant" + vs;
    }

    private static String pointLabel(String workload, String point) {
        return point + (workload.equals("synthetic") ? " rps offered" : " threads");
    }
}
