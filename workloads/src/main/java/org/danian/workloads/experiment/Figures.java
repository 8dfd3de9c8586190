package org.danian.workloads.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Draws the paper's Figures 3–8 (Danian §7) from the run tables, one series per policy, as PNG
 * with XChart (pure Java2D: works with {@code -Djava.awt.headless=true}). A figure without any
 * data in this run (e.g. synthetic figures after a netperf-only run, pick times without a
 * Danian server) is not drawn; its note says why.
 */
final class Figures {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;

    private Figures() {
    }

    static List<Figure> draw(List<RunTable> tables) {
        List<RunTable> synthetic = tables.stream().filter(t -> t.workload().equals("synthetic")).toList();
        List<RunTable> netperf = tables.stream().filter(t -> t.workload().equals("netperf")).toList();
        List<Figure> figures = new ArrayList<>();
        figures.add(pickTime(tables));
        figures.add(xy(4, "fig4-synthetic-p99.png", "Synthetic: 99th percentile latency vs offered load",
                "p99 latency (µs) of the synthetic workload at each offered load (the rate the client sent,"
                        + " requests/s); points whose p99 is infinite (lost requests) are left out.",
                synthetic, "target_rps", "offered load (requests/s)", "p99_us", "p99 latency (µs)"));
        figures.add(xy(5, "fig5-netperf-mean.png", "Netperf: mean latency vs client threads",
                "Mean round-trip latency (µs) of netperf per number of closed-loop client threads.",
                netperf, "threads", "client threads", "mean_us", "mean latency (µs)"));
        figures.add(cpuUse(tables));
        figures.add(xy(7, "fig7-netperf-p90.png", "Netperf: 90th percentile latency vs load",
                "p90 round-trip latency (µs) of netperf against the load it carried (requests/s), one point"
                        + " per client-thread count.",
                netperf, "rps", "load (requests/s)", "p90_us", "p90 latency (µs)"));
        figures.add(xy(8, "fig8-netperf-rps.png", "Netperf: requests per second vs client threads",
                "Throughput (requests/s) of netperf per number of closed-loop client threads.",
                netperf, "threads", "client threads", "rps", "requests/s"));
        return figures;
    }

    /** Figure 3: mean CPU and wall time of one pick, per policy, over all its points. */
    private static Figure pickTime(List<RunTable> tables) {
        String file = "fig3-pick-time.png";
        String title = "Thread pick: mean CPU and wall time per pick";
        String caption = "Mean time of one thread pick (ns), CPU and wall, as the Danian server's danian:stats"
                + " counters report it, over all points of each policy.";
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("time").yAxisTitle("ns per pick").build();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, PickCost> policy : PickCost.byPolicy(tables).entrySet()) {
            PickCost cost = policy.getValue();
            if (cost.cpuNanosPerPick().isPresent() && cost.wallNanosPerPick().isPresent()) {
                chart.addSeries(policy.getKey(), List.of("CPU", "wall"),
                        List.of(cost.cpuNanosPerPick().getAsDouble(), cost.wallNanosPerPick().getAsDouble()));
            } else {
                missing.add(policy.getKey());
            }
        }
        String note = missing.isEmpty() ? "" : "n/a (no pick counters reported) for: " + String.join(", ", missing);
        return figure(3, file, title, caption, chart, note);
    }

    /** Figure 6: mean server CPU use per policy, one group per workload. */
    private static Figure cpuUse(List<RunTable> tables) {
        String file = "fig6-cpu.png";
        String title = "Server CPU use per policy";
        String caption = "Mean CPU use of the server process (% of one core: CPU time from /proc over the wall time"
                + " of each client run), averaged over the points of each workload.";
        List<String> workloads = tables.stream().map(RunTable::workload).distinct().sorted().toList();
        Map<String, Double[]> byPolicy = new TreeMap<>();
        for (RunTable table : tables) {
            OptionalDouble mean = table.mean(PointResult.SERVER_CPU_PERCENT);
            if (mean.isPresent()) {
                byPolicy.computeIfAbsent(table.policy(), p -> new Double[workloads.size()])
                        [workloads.indexOf(table.workload())] = mean.getAsDouble();
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("workload").yAxisTitle("server CPU (% of one core)").build();
        byPolicy.forEach((policy, values) -> chart.addSeries(policy, workloads, Arrays.asList(values)));
        return figure(6, file, title, caption, chart, "");
    }

    private static Figure xy(int number, String file, String title, String caption, List<RunTable> tables,
            String xColumn, String xTitle, String yColumn, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0); // differences between policies read true against a zero base
        List<String> skipped = new ArrayList<>();
        for (RunTable table : tables) {
            TreeMap<Double, Double> points = new TreeMap<>();
            for (Map<String, String> row : table.rows()) {
                OptionalDouble x = RunTable.number(row, xColumn);
                OptionalDouble y = RunTable.number(row, yColumn);
                if (x.isPresent() && y.isPresent()) {
                    points.put(x.getAsDouble(), y.getAsDouble());
                } else {
                    skipped.add(table.policy() + " at point " + row.get("point"));
                }
            }
            if (!points.isEmpty()) {
                chart.addSeries(table.policy(), points.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        points.values().stream().mapToDouble(Double::doubleValue).toArray());
            }
        }
        String note = skipped.isEmpty() ? "" : "left out (n/a or infinite): " + String.join(", ", skipped);
        return figure(number, file, title, caption, chart, note);
    }

    private static Figure figure(int number, String file, String title, String caption, Chart<?, ?> chart,
            String note) {
        if (chart.getSeriesMap().isEmpty()) {
            String why = note.isEmpty() ? "no data for this figure in this run" : "no data: " + note;
            return new Figure(number, file, title, caption, null, why);
        }
        try {
            return new Figure(number, file, title, caption,
                    BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG), note);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot encode " + file, e);
        }
    }
}
