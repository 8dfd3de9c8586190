package org.danian.framework.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code danian:simulate} answers (as JSON with {@code --json}): where the files went and
 * one summary line per run.
 *
 * @param out the output directory
 * @param calibration the pick-cost table the runs were charged with (a file in {@code out})
 * @param points one summary per run
 * @param wallMillis wall time of the whole command
 */
public record SimulateAnswer(String out, String calibration, List<Point> points, long wallMillis) {

    /** One run: its key and headline figures (latencies of the first measured proc, µs). */
    public record Point(String policy, String allocator, String workload, int cores, double load, long requests,
                        double meanMicros, double p50Micros, double p99Micros, double p999Micros,
                        double coreSeconds, double schedulerUtilisation, double meanPickNanos,
                        double localityHitRate, long events, double eventsPerSecond) {
    }

    /** The answer for {@code points}. */
    public static SimulateAnswer of(String out, String calibration, List<SweepPoint> points, long wallMillis) {
        List<Point> summary = new ArrayList<>();
        for (SweepPoint point : points) {
            SimResult result = point.result();
            SimResult.ProcResult lc = result.measured();
            double coreSeconds = result.procs().stream().mapToDouble(SimResult.ProcResult::coreSeconds).sum();
            long grants = result.kernel().global().counts().grants();
            long hits = result.kernel().global().counts().localityHits();
            summary.add(new Point(result.scenario().threadPick(), result.scenario().coreAllocation(), point.workload(),
                    result.scenario().cores(), point.load(), result.scenario().requests(), lc.meanNanos() / 1000,
                    lc.p50Nanos() / 1000.0, lc.p99Nanos() / 1000.0, lc.p999Nanos() / 1000.0, coreSeconds,
                    result.schedulerUtilisation(), result.meanPickNanos(), grants == 0 ? 0 : (double) hits / grants,
                    result.events(), result.eventsPerSecond()));
        }
        return new SimulateAnswer(out, calibration, List.copyOf(summary), wallMillis);
    }

    /** As text: one line per run. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(java.util.Locale.ROOT, "%-13s %5s %5s %9s %9s %9s %8s %7s %8s %6s%n", "policy",
                "cores", "load", "p50 µs", "p99 µs", "p99.9 µs", "core-s", "sched%", "pick ns", "local"));
        for (Point p : points) {
            text.append(String.format(java.util.Locale.ROOT, "%-13s %5d %5.2f %9.2f %9.2f %9.2f %8.4f %7.2f %8.1f %6.3f%n",
                    p.policy(), p.cores(), p.load(), p.p50Micros(), p.p99Micros(), p.p999Micros(), p.coreSeconds(),
                    100 * p.schedulerUtilisation(), p.meanPickNanos(), p.localityHitRate()));
        }
        text.append("CSV files and calibration in ").append(out).append(" (").append(wallMillis).append(" ms)\n");
        return text.toString();
    }
}
