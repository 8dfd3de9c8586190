package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report drawn from canned run tables: PNGs, index.html, summary and Table 2. */
class ReportTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final List<String> FIGURES = List.of("fig3-pick-time.png", "fig4-synthetic-p99.png",
            "fig5-netperf-mean.png", "fig6-cpu.png", "fig7-netperf-p90.png", "fig8-netperf-rps.png");

    private static final String PICK_COLUMNS = "picks,pick_cpu_ns,pick_wall_ns,pick_samples,pick_wall_sum_ns,"
            + "pick_cpu_samples,pick_cpu_sum_ns,pick_cpu_clamped,slow_picks";
    private static final String SYNTHETIC_HEADER = "policy,workload,point,repeat,distribution,requested_rps,target_rps,"
            + "actual_rps,sent,received,dropped,never_sent,p50_us,p90_us,p99_us,p999_us,p9999_us,start_unix_s,"
            + "total_sent,total_received,unexpected,server_cpu_ms,wall_ms,server_cpu_percent," + PICK_COLUMNS + "\n";
    private static final String NETPERF_HEADER = "policy,workload,point,repeat,threads,rps,n,min_us,mean_us,p90_us,"
            + "p99_us,p999_us,p9999_us,max_us,requests,lost,server_cpu_ms,wall_ms,server_cpu_percent," + PICK_COLUMNS
            + "\n";

    @TempDir
    static Path folder;
    static ReportTable summary;

    /**
     * caladan and danian: two repeats (pick CPU 40 then 50 ns for danian, wall 50 then 60 ns);
     * mru: a hot-deployed policy, one repeat; baseline: no pick counters.
     */
    @BeforeAll
    static void writeReport() throws IOException {
        synthetic("caladan", "1000", "2000", new long[][] {{100, 60, 70}, {100, 70, 80}});
        synthetic("danian", "900", "inf", new long[][] {{100, 40, 50}, {100, 50, 60}});
        synthetic("mru", "950", "1900", new long[][] {{100, 30, 90}});
        synthetic("baseline", "1200", "2500", new long[][] {{-1, 0, 0}});
        netperf("caladan", new long[][] {{100, 60, 70}, {100, 70, 80}}, new int[] {41000, 41100});
        netperf("danian", new long[][] {{100, 40, 50}, {100, 50, 60}}, new int[] {38000, 42000});
        netperf("baseline", new long[][] {{-1, 0, 0}, {-1, 0, 0}}, new int[] {20000, 20100});
        Files.writeString(folder.resolve(Report.RUN_INFO), "command: experiment --quick\n");
        summary = Report.write(folder);
    }

    @Test
    void everyFigureIsAPngAndTheHtmlReferencesIt() throws IOException {
        String html = Files.readString(folder.resolve(Report.INDEX), StandardCharsets.UTF_8);
        for (String figure : FIGURES) {
            byte[] png = Files.readAllBytes(folder.resolve(figure));
            assertTrue(png.length > 1000, figure + " is " + png.length + " bytes");
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, PNG_SIGNATURE.length), figure);
            assertTrue(html.contains("href=\"" + figure + "\""), "index.html links " + figure);
        }
        assertEquals(FIGURES.size(), html.split("src=\"data:image/png;base64,", -1).length - 1,
                "each figure embedded once");
        assertTrue(html.contains("command: experiment --quick"), "run info shown");
        assertTrue(html.contains("href=\"netperf-danian.csv\""), "data files listed");
    }

    @Test
    void infinitePercentilesAreLeftOutOfThePlotAndSaidSo() throws IOException {
        String html = Files.readString(folder.resolve(Report.INDEX), StandardCharsets.UTF_8);
        assertTrue(html.contains("left out (n/a or infinite): danian at point 20000"), html);
    }

    @Test
    void tableTwoShowsMeasuredCostsWithIntervalsAndARowForEveryPolicyMeasured() throws IOException {
        ReportTable table = ComplexityTable.of(RunTable.readAll(folder));
        // danian: per repeat 40 and 50 ns CPU → 45 ± t(0.975, 1) · 7.07 / √2 = 45 ± 63.5
        assertEquals(List.of("danian", "paper, Table 2", "O(n)", "O(1)", "O(1)", "O(1)", "O(1)", "O(n)", "45.0 ± 63.5",
                "55.0 ± 63.5"), table.rows().get(1));
        assertEquals("not run", table.rows().get(2).get(8), "danian-exact did not run");
        List<String> mru = table.rows().get(table.rows().size() - 1);
        assertEquals(List.of("mru", "as measured (not in the paper)", "30.0", "90.0"),
                List.of(mru.get(0), mru.get(1), mru.get(8), mru.get(9)), "a hot-deployed policy has its row");
        assertTrue(table.rows().stream().noneMatch(row -> row.get(0).equals("baseline")));
        String html = Files.readString(folder.resolve(Report.INDEX), StandardCharsets.UTF_8);
        assertTrue(html.contains("<td>O(log k)</td>"), "lottery row in the HTML");
    }

    @Test
    void summaryHasOneRowPerRunWithIntervalsAndMarksDifferencesThatAreNotSignificant() {
        assertEquals(7, summary.rows().size());
        List<String> baselineNetperf = row("netperf", "baseline");
        assertEquals(List.of("netperf", "baseline", "2", "4 threads", "20050.00 ± 635.31", "120.0 ± 0.0", "90.0 ± 0.0",
                "n/a", "n/a"), baselineNetperf.subList(0, 9));
        assertTrue(baselineNetperf.get(9).startsWith("lower vs caladan (p="), baselineNetperf.get(9));
        assertEquals("best", row("netperf", "caladan").get(9));
        assertTrue(row("netperf", "danian").get(9).startsWith("not significant vs caladan (p="),
                "38000/42000 against 41000/41100: " + row("netperf", "danian").get(9));
        assertEquals("untested (1 repeat)", row("synthetic", "mru").get(9));
        assertEquals("inf", row("synthetic", "danian").get(5), "an infinite p99 is reported as the client wrote it");
        assertTrue(summary.render().lines().findFirst().orElseThrow().startsWith("WORKLOAD"));
    }

    private static List<String> row(String workload, String policy) {
        return summary.rows().stream().filter(row -> row.get(0).equals(workload) && row.get(1).equals(policy))
                .findFirst().orElseThrow();
    }

    @Test
    void aRunWithoutPickCountersDrawsNoPickFigure(@TempDir Path other) throws IOException {
        Files.copy(folder.resolve("netperf-baseline.csv"), other.resolve("netperf-baseline.csv"));
        Report.write(other);
        assertFalse(Files.exists(other.resolve("fig3-pick-time.png")));
        assertFalse(Files.exists(other.resolve("fig4-synthetic-p99.png")));
        assertTrue(Files.exists(other.resolve("fig8-netperf-rps.png")));
        String html = Files.readString(other.resolve(Report.INDEX), StandardCharsets.UTF_8);
        assertTrue(html.contains("no data: n/a (no pick counters reported) for: baseline"), html);
    }

    @Test
    void figureThreeShowsEveryPolicyWithPickCountersAndFigureFourPlotsTheOfferedLoad() throws IOException {
        String html = Files.readString(folder.resolve(Report.INDEX), StandardCharsets.UTF_8);
        assertTrue(html.contains("n/a (no pick counters reported) for: baseline)"), "only the baseline lacks them");
        List<RunTable> tables = RunTable.readAll(folder);
        for (String policy : List.of("caladan", "danian", "mru")) {
            assertTrue(Repeats.pickCpu(tables, policy).known() && Repeats.pickWall(tables, policy).known(), policy);
        }
        assertTrue(html.contains("offered load (the rate the client was asked to send"), html);
    }

    /**
     * Two points per repeat; the second's p99 is {@code p99High}. Each repeat: {picks, CPU ns
     * per sampled pick, wall ns per sampled pick}, 10 samples per point; picks -1 means n/a.
     */
    private static void synthetic(String policy, String p99Low, String p99High, long[][] repeats) throws IOException {
        StringBuilder csv = new StringBuilder(SYNTHETIC_HEADER);
        for (int repeat = 1; repeat <= repeats.length; repeat++) {
            int point = 0;
            for (String p99 : List.of(p99Low, p99High)) {
                int rate = 10000 * ++point;
                csv.append(policy).append(",synthetic,").append(rate).append(',').append(repeat)
                        .append(",exponential,").append(rate).append(',').append(rate - 5).append(',')
                        .append(rate - 10).append(",20000,19990,10,0,50.0,80.0,").append(p99)
                        .append(",3000.0,4000.0,1700000000,22000,21990,0,1500.0,2000.0,75.0,")
                        .append(pickCells(repeats[repeat - 1])).append('\n');
            }
        }
        Files.writeString(RunTable.file(folder, "synthetic", policy), csv);
    }

    /** Two points (2 and 4 threads) per repeat; {@code rates}: the rate at 4 threads in each repeat. */
    private static void netperf(String policy, long[][] repeats, int[] rates) throws IOException {
        StringBuilder csv = new StringBuilder(NETPERF_HEADER);
        for (int repeat = 1; repeat <= repeats.length; repeat++) {
            for (int threads : new int[] {2, 4}) {
                int rate = threads == 4 ? rates[repeat - 1] : rates[repeat - 1] / 2;
                csv.append(policy).append(",netperf,").append(threads).append(',').append(repeat).append(',')
                        .append(threads).append(',').append(rate).append(".00,20000,20.00,").append(100 - threads)
                        .append(".00,").append(threads * 20).append(".00,").append(threads * 30)
                        .append(".00,200.00,300.00,400.00,22000,0,1800.0,2000.0,90.0,")
                        .append(pickCells(repeats[repeat - 1])).append('\n');
            }
        }
        Files.writeString(RunTable.file(folder, "netperf", policy), csv);
    }

    private static String pickCells(long[] pick) {
        if (pick[0] < 0) {
            return "n/a,n/a,n/a,n/a,n/a,n/a,n/a,n/a,n/a";
        }
        long samples = 10;
        return pick[0] + "," + pick[0] * pick[1] + "," + pick[0] * pick[2] + "," + samples + "," + samples * pick[2]
                + "," + samples + "," + samples * pick[1] + ",0,0";
    }
}
