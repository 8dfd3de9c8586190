package org.danian.framework.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.danian.framework.sim.SimResult;
import org.danian.framework.sim.SweepPoint;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/**
 * The simulator's figures, one series per thread-pick policy, drawn with XChart as PNG
 * ({@link SimulationFigure} records, numbered in the report's order, not the paper's): latency
 * percentiles, core-seconds, scheduler-core use and locality against offered load at the
 * smallest core count; charged pick cost against idle-set size; and, when several core counts
 * ran, the scale curves of scheduler-core use and pick cost against cores.
 */
final class SimulationFigures {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private SimulationFigures() {
    }

    static List<SimulationFigure> draw(List<SweepPoint> points) {
        int smallest = points.stream().mapToInt(p -> p.result().scenario().cores()).min().orElse(0);
        List<SweepPoint> base = points.stream().filter(p -> p.result().scenario().cores() == smallest).toList();
        List<SimulationFigure> figures = new ArrayList<>();
        String at = " at " + smallest + " cores";
        figures.add(vsLoad(1, "sim-p50.png", "Median latency vs load" + at, "p50 latency (µs)", base,
                r -> r.measured().p50Nanos() / 1000.0));
        figures.add(vsLoad(2, "sim-p99.png", "99th percentile latency vs load" + at, "p99 latency (µs)", base,
                r -> r.measured().p99Nanos() / 1000.0));
        figures.add(vsLoad(3, "sim-p999.png", "99.9th percentile latency vs load" + at, "p99.9 latency (µs)", base,
                r -> r.measured().p999Nanos() / 1000.0));
        figures.add(vsLoad(4, "sim-core-seconds.png", "Core-seconds per policy vs load" + at, "core-seconds", base,
                r -> r.procs().stream().mapToDouble(SimResult.ProcResult::coreSeconds).sum()));
        figures.add(vsLoad(5, "sim-scheduler-use.png", "Scheduler-core utilisation vs load" + at,
                "scheduler core busy (%)", base, r -> 100 * r.schedulerUtilisation()));
        figures.add(vsLoad(6, "sim-locality.png", "Locality hit rate vs load" + at, "grants on the kthread's last core (%)",
                base, r -> {
                    long grants = r.kernel().global().counts().grants();
                    return grants == 0 ? 0 : 100.0 * r.kernel().global().counts().localityHits() / grants;
                }));
        figures.add(vsLoad(7, "sim-migrations.png", "Migrations vs load" + at, "starts on another core than the last",
                base, r -> r.migrationsRemote() + r.migrationsSibling()));
        figures.add(pickCostBySize(points));
        figures.add(vsCores(9, "sim-scale-scheduler.png", "Scale: scheduler-core utilisation vs cores",
                "scheduler core busy (%)", points, r -> 100 * r.schedulerUtilisation()));
        figures.add(vsCores(10, "sim-scale-pick.png", "Scale: mean charged pick cost vs cores", "ns per pick", points,
                SimResult::meanPickNanos));
        return figures;
    }

    private static SimulationFigure vsLoad(int number, String file, String title, String yTitle, List<SweepPoint> points,
                                 ToDoubleFunction<SimResult> y) {
        Map<String, TreeMap<Double, Double>> series = new TreeMap<>();
        for (SweepPoint point : points) {
            series.computeIfAbsent(point.result().scenario().threadPick(), p -> new TreeMap<>())
                    .put(point.load(), y.applyAsDouble(point.result()));
        }
        return chart(number, file, title, "offered load (fraction of the worker cores)", yTitle, series,
                title + ", from the simulator (latencies of the latency-critical proc after the warm-up).");
    }

    private static SimulationFigure vsCores(int number, String file, String title, String yTitle, List<SweepPoint> points,
                                  ToDoubleFunction<SimResult> y) {
        Map<String, TreeMap<Double, Double>> series = new TreeMap<>();
        for (SweepPoint point : points) {
            TreeMap<Double, Double> line = series.computeIfAbsent(point.result().scenario().threadPick(),
                    p -> new TreeMap<>());
            line.merge((double) point.result().scenario().cores(), y.applyAsDouble(point.result()), Math::max);
        }
        boolean several = points.stream().map(p -> p.result().scenario().cores()).distinct().count() > 1;
        return several ? chart(number, file, title, "worker cores", yTitle, series,
                title + " (the highest value over the loads run at each core count).")
                : new SimulationFigure(number, file, title, title, null, "only one core count ran");
    }

    private static SimulationFigure pickCostBySize(List<SweepPoint> points) {
        Map<String, TreeMap<Double, double[]>> sums = new TreeMap<>();
        for (SweepPoint point : points) {
            SimResult result = point.result();
            TreeMap<Double, double[]> line = sums.computeIfAbsent(result.scenario().threadPick(), p -> new TreeMap<>());
            for (int bucket = 0; bucket < result.picksBySize().length; bucket++) {
                if (result.picksBySize()[bucket] > 0) {
                    double[] sum = line.computeIfAbsent((double) (1L << bucket), b -> new double[2]);
                    sum[0] += result.picksBySize()[bucket];
                    sum[1] += result.pickNanosBySize()[bucket];
                }
            }
        }
        Map<String, TreeMap<Double, Double>> series = new TreeMap<>();
        sums.forEach((policy, line) -> {
            TreeMap<Double, Double> means = new TreeMap<>();
            line.forEach((size, sum) -> means.put(size, sum[1] / sum[0]));
            series.put(policy, means);
        });
        return chart(8, "sim-pick-cost.png", "Charged pick cost vs idle-set size", "idle kthreads (bucket start)",
                "ns per pick", series, "Mean charged cost of one pick by idle-set size (power-of-two buckets), over"
                        + " every run; the costs come from the run's calibration.csv.");
    }

    private static SimulationFigure chart(int number, String file, String title, String xTitle, String yTitle,
                                Map<String, TreeMap<Double, Double>> series, String caption) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        series.forEach((policy, points) -> {
            if (!points.isEmpty()) {
                chart.addSeries(policy, points.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        points.values().stream().mapToDouble(Double::doubleValue).toArray());
            }
        });
        if (chart.getSeriesMap().isEmpty()) {
            return new SimulationFigure(number, file, title, caption, null, "no data for this figure in this run");
        }
        try {
            return new SimulationFigure(number, file, title, caption,
                    BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), "");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot encode " + file, e);
        }
    }
}
