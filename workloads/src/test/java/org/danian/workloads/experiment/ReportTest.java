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

    private static final String SYNTHETIC_HEADER = "policy,workload,point,distribution,requested_rps,target_rps,"
            + "actual_rps,sent,received,dropped,never_sent,p50_us,p90_us,p99_us,p999_us,p9999_us,start_unix_s,"
            + "total_sent,total_received,unexpected,server_cpu_ms,wall_ms,server_cpu_percent,picks,pick_cpu_ns,"
            + "pick_wall_ns\n";
    private static final String NETPERF_HEADER = "policy,workload,point,threads,rps,n,min_us,mean_us,p90_us,p99_us,"
            + "p999_us,p9999_us,max_us,requests,lost,server_cpu_ms,wall_ms,server_cpu_percent,picks,pick_cpu_ns,"
            + "pick_wall_ns\n";

    @TempDir
    static Path folder;
    static ReportTable summary;

    @BeforeAll
    static void writeReport() throws IOException {
        synthetic("caladan", "1000", "2000", 100, 5000, 6000);
        synthetic("danian", "900", "inf", 100, 4000, 5000);
        synthetic("baseline", "1200", "2500", -1, 0, 0);
        netperf("caladan", 100, 4000, 6000);
        netperf("danian", 100, 3000, 5000);
        netperf("baseline", -1, 0, 0);
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
    void tableTwoShowsMeasuredCostsAndNotApplicable() throws IOException {
        ReportTable table = ComplexityTable.of(RunTable.readAll(folder));
        // danian: 4 points of 100 picks; CPU 2 x 4000 + 2 x 3000 ns, wall 4 x 5000 ns.
        assertEquals(List.of("danian", "paper, Table 2", "O(n)", "O(1)", "O(1)", "O(1)", "O(1)", "O(n)", "35.0", "50.0"),
                table.rows().get(1));
        assertEquals("not run", table.rows().get(2).get(8), "danian-exact did not run");
        String html = Files.readString(folder.resolve(Report.INDEX), StandardCharsets.UTF_8);
        assertTrue(html.contains("<td>O(log k)</td>"), "lottery row in the HTML");
    }

    @Test
    void summaryHasOneRowPerRunAndNaWhereNothingWasMeasured() {
        assertEquals(6, summary.rows().size());
        List<String> baselineNetperf = summary.rows().stream()
                .filter(row -> row.get(0).equals("netperf") && row.get(1).equals("baseline")).findFirst().orElseThrow();
        assertEquals(List.of("netperf", "baseline", "2", "4 threads", "41000.00", "120.00", "90.0", "n/a", "n/a"),
                baselineNetperf);
        List<String> danianSynthetic = summary.rows().stream()
                .filter(row -> row.get(0).equals("synthetic") && row.get(1).equals("danian")).findFirst().orElseThrow();
        assertEquals("inf", danianSynthetic.get(5), "an infinite p99 is reported as the client wrote it");
        assertTrue(summary.render().lines().findFirst().orElseThrow().startsWith("WORKLOAD"));
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

    /** Two points; the second's p99 is {@code p99High}; picks -1 means n/a. */
    private static void synthetic(String policy, String p99Low, String p99High, long picks, long cpu, long wall)
            throws IOException {
        StringBuilder csv = new StringBuilder(SYNTHETIC_HEADER);
        int point = 0;
        for (String p99 : List.of(p99Low, p99High)) {
            int rate = 10000 * ++point;
            csv.append(policy).append(",synthetic,").append(rate).append(",exponential,").append(rate).append(',')
                    .append(rate).append(',').append(rate - 10).append(",20000,19990,10,0,50.0,80.0,").append(p99)
                    .append(",3000.0,4000.0,1700000000,22000,21990,0,1500.0,2000.0,75.0,")
                    .append(pickCells(picks, cpu, wall)).append('\n');
        }
        Files.writeString(RunTable.file(folder, "synthetic", policy), csv);
    }

    private static void netperf(String policy, long picks, long cpu, long wall) throws IOException {
        StringBuilder csv = new StringBuilder(NETPERF_HEADER);
        for (int threads : new int[] {2, 4}) {
            csv.append(policy).append(",netperf,").append(threads).append(',').append(threads).append(',')
                    .append(threads * 10250).append(".00,20000,20.00,").append(100 - threads).append(".00,")
                    .append(threads * 20).append(".00,").append(threads * 30).append(".00,200.00,300.00,400.00,")
                    .append("22000,0,1800.0,2000.0,90.0,").append(pickCells(picks, cpu, wall)).append('\n');
        }
        Files.writeString(RunTable.file(folder, "netperf", policy), csv);
    }

    private static String pickCells(long picks, long cpu, long wall) {
        return picks < 0 ? "n/a,n/a,n/a" : picks + "," + cpu + "," + wall;
    }
}
