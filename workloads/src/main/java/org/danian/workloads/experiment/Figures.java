package org.danian.workloads.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/**
 * Draws the paper's Figures 3–8 (Danian §7) from the run tables, one series per policy, as PNG
 * with XChart (pure Java2D: works with {@code -Djava.awt.headless=true}). Each value is the
 * mean over the repeats and its error bar the 95% interval ({@link Interval}; none with one
 * repeat). Each policy keeps its colour and marker in every figure ({@link PolicyStyles}). A
 * figure without any data in this run (e.g. synthetic figures after a netperf-only run, pick
 * times without a Danian server) is not drawn; its note says why.
 */
final class Figures {

    private static final int WIDTH = 800;
    private static final int HEIGHT = 500;
    private static final String INTERVALS = " Points are means over the repeats; error bars are 95% confidence"
            + " intervals (Student's t), absent with a single repeat.";

    private Figures() {
    }

    static List<Figure> draw(List<RunTable> tables) {
        PolicyStyles styles = PolicyStyles.of(tables.stream().map(RunTable::policy).toList());
        List<RunTable> synthetic = tables.stream().filter(t -> t.workload().equals("synthetic")).toList();
        List<RunTable> netperf = tables.stream().filter(t -> t.workload().equals("netperf")).toList();
        List<Figure> figures = new ArrayList<>();
        figures.add(pickTime(tables, styles));
        figures.add(xy(4, "fig4-synthetic-p99.png", "Synthetic: 99th percentile latency vs offered load",
                "p99 latency (µs) of the synthetic workload at each offered load (the rate the client was asked"
                        + " to send, requests/s); points whose p99 is infinite (lost requests) are left out.",
                synthetic, "requested_rps", "offered load (requests/s asked of the client)", "p99_us",
                "p99 latency (µs)", styles));
        figures.add(xy(5, "fig5-netperf-mean.png", "Netperf: mean latency vs client threads",
                "Mean round-trip latency (µs) of netperf per number of closed-loop client threads.",
                netperf, "threads", "client threads", "mean_us", "mean latency (µs)", styles));
        figures.add(cpuUse(tables, styles));
        figures.add(xy(7, "fig7-netperf-p90.png", "Netperf: 90th percentile latency vs achieved rate",
                "p90 round-trip latency (µs) of netperf against the rate it achieved (replies/s, mean over the"
                        + " repeats), one point per client-thread count.",
                netperf, "rps", "achieved rate (replies/s)", "p90_us", "p90 latency (µs)", styles));
        figures.add(xy(8, "fig8-netperf-rps.png", "Netperf: achieved rate vs client threads",
                "Throughput netperf achieved (replies/s) per number of closed-loop client threads.",
                netperf, "threads", "client threads", "rps", "achieved rate (replies/s)", styles));
        return figures;
    }

    /** Figure 3: mean CPU and wall time of one pick, per policy, over all its points. */
    private static Figure pickTime(List<RunTable> tables, PolicyStyles styles) {
        String file = "fig3-pick-time.png";
        String title = "Thread pick: CPU and wall time per pick";
        String caption = "Mean time of one thread pick (ns), the scheduler thread's CPU time and the wall time,"
                + " from the sampled picks the Danian server's danian:stats reports (one grant in 64; CPU calibrated"
                + " per sample, docs/measurements.md), over all points of each policy." + INTERVALS;
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("time measured").yAxisTitle("ns per pick").build();
        List<String> missing = new ArrayList<>();
        List<String> noCpu = new ArrayList<>();
        for (String policy : tables.stream().map(RunTable::policy).distinct().sorted().toList()) {
            Interval cpu = Repeats.pickCpu(tables, policy);
            Interval wall = Repeats.pickWall(tables, policy);
            if (!wall.known()) {
                missing.add(policy);
                continue;
            }
            if (!cpu.known()) {
                noCpu.add(policy);
            }
            CategorySeries series = chart.addSeries(policy, List.of("CPU", "wall"),
                    List.of(cpu.known() ? cpu.mean() : 0.0, wall.mean()), List.of(bar(cpu), bar(wall)));
            series.setFillColor(styles.colour(policy));
        }
        List<String> notes = new ArrayList<>();
        if (!missing.isEmpty()) {
            notes.add("n/a (no pick counters reported) for: " + String.join(", ", missing));
        }
        if (!noCpu.isEmpty()) {
            notes.add("CPU n/a (the server's CPU clock could not be read) for: " + String.join(", ", noCpu));
        }
        return figure(3, file, title, caption, chart, String.join("; ", notes));
    }

    /** Figure 6: mean server CPU use per policy, one group per workload. */
    private static Figure cpuUse(List<RunTable> tables, PolicyStyles styles) {
        String file = "fig6-cpu.png";
        String title = "Server CPU use per policy";
        String caption = "Mean CPU use of the server process (% of one core: CPU time from /proc over the wall time"
                + " of each client run), averaged over the points of each workload." + INTERVALS;
        List<String> workloads = tables.stream().map(RunTable::workload).distinct().sorted().toList();
        Map<String, Interval[]> byPolicy = new TreeMap<>();
        for (RunTable table : tables) {
            Interval use = Repeats.meanPerRepeat(table, PointResult.SERVER_CPU_PERCENT);
            if (use.known()) {
                byPolicy.computeIfAbsent(table.policy(), p -> new Interval[workloads.size()])
                        [workloads.indexOf(table.workload())] = use;
            }
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("workload").yAxisTitle("server CPU (% of one core)").build();
        byPolicy.forEach((policy, values) -> {
            List<Double> means = new ArrayList<>();
            List<Double> bars = new ArrayList<>();
            for (Interval value : values) {
                means.add(value == null ? 0.0 : value.mean());
                bars.add(value == null ? 0.0 : bar(value));
            }
            chart.addSeries(policy, workloads, means, bars).setFillColor(styles.colour(policy));
        });
        return figure(6, file, title, caption, chart, "");
    }

    private static Figure xy(int number, String file, String title, String caption, List<RunTable> tables,
            String xColumn, String xTitle, String yColumn, String yTitle, PolicyStyles styles) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setYAxisMin(0.0); // differences between policies read true against a zero base
        List<String> skipped = new ArrayList<>();
        for (RunTable table : tables) {
            TreeMap<Double, double[]> points = new TreeMap<>(); // x → {y, error bar}
            for (String point : table.points()) {
                Interval x = Repeats.at(table, point, xColumn);
                Interval y = Repeats.at(table, point, yColumn);
                int missing = Repeats.missingAt(table, point, yColumn);
                if (x.known() && y.known()) {
                    points.put(x.mean(), new double[] {y.mean(), bar(y)});
                }
                if (missing > 0) {
                    skipped.add(table.policy() + " at point " + point + (table.repeats().size() > 1
                            ? " (" + missing + " of " + table.rowsAt(point).size() + " repeats)" : ""));
                }
            }
            if (!points.isEmpty()) {
                XYSeries series = chart.addSeries(table.policy(),
                        points.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                        points.values().stream().mapToDouble(v -> v[0]).toArray(),
                        points.values().stream().mapToDouble(v -> v[1]).toArray());
                series.setLineColor(styles.colour(table.policy()));
                series.setMarkerColor(styles.colour(table.policy()));
                series.setMarker(styles.marker(table.policy()));
            }
        }
        String note = skipped.isEmpty() ? "" : "left out (n/a or infinite): " + String.join(", ", skipped);
        return figure(number, file, title, caption + INTERVALS, chart, note);
    }

    /** The error bar of an interval: its half-width, 0 when there is none. */
    private static double bar(Interval interval) {
        return interval.known() && !Double.isNaN(interval.halfWidth()) ? interval.halfWidth() : 0.0;
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
