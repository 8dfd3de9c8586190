package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end: {@code --policies baseline --workload netperf --repeat 2} against the
 * real baseline server in a child JVM, with the real netperf client in child JVMs (two short
 * points, twice), producing the results folder and its record of the run.
 */
class ExperimentEndToEndTest {

    @TempDir
    Path out;

    @Test
    void baselineNetperfRunProducesTheResultsFolder() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        Sweep tiny = new Sweep(List.of(1_000.0), 0.5, 0, List.of(1, 2), 1, 0);

        int status = ExperimentRunner.run(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8), launcher(), tiny,
                "--policies", "baseline", "--workload", "netperf", "--quick", "--repeat", "2", "--out", out.toString());

        String progress = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, progress + stderr.toString(StandardCharsets.UTF_8));
        assertTrue(progress.contains("[run 1/4] repeat=1 policy=baseline workload=netperf point=1 threads"), progress);
        assertTrue(progress.contains("[run 4/4] repeat=2 policy=baseline workload=netperf point=2 threads"), progress);

        List<RunTable> tables = RunTable.readAll(out);
        assertEquals(1, tables.size());
        RunTable run = tables.get(0);
        assertEquals(List.of("1", "2", "1", "2"), run.rows().stream().map(row -> row.get("point")).toList());
        assertEquals(List.of(1, 2), run.repeats());
        for (Map<String, String> row : run.rows()) {
            assertTrue(RunTable.number(row, "rps").orElse(0) > 0, "requests answered: " + row);
            assertEquals(row.get("point"), row.get("threads"));
            assertTrue(RunTable.number(row, PointResult.SERVER_CPU_MS).orElse(-1) >= 0, "server CPU read: " + row);
            assertEquals("n/a", row.get(ServerStats.PICKS), "the baseline has no thread pick");
        }

        for (String figure : List.of("fig5-netperf-mean.png", "fig6-cpu.png", "fig7-netperf-p90.png",
                "fig8-netperf-rps.png")) {
            assertTrue(Files.size(out.resolve(figure)) > 0, figure);
        }
        assertFalse(Files.exists(out.resolve("fig4-synthetic-p99.png")), "no synthetic run, no synthetic figure");
        assertTrue(Files.readString(out.resolve(Report.INDEX)).contains("fig8-netperf-rps.png"));
        assertTrue(Files.exists(out.resolve("clients").resolve("netperf-baseline-2-r2.csv")));
        List<String> info = Files.readAllLines(out.resolve(Report.RUN_INFO));
        for (String item : List.of("command: experiment ", "mode: quick, 2 repeat(s)", "commit: ", "jvm: ", "kernel: ",
                "cpu: ", "load average before: ", "load average after: ", "seeds: ")) {
            assertTrue(info.stream().anyMatch(line -> line.startsWith(item)), item + " in " + info);
        }
        assertTrue(Files.readString(out.resolve("logs").resolve("server-baseline-netperf.log"))
                .contains("listening workload=netperf"));
        assertFalse(progress.contains("did not stop cleanly"), progress);
        assertTrue(progress.contains("WORKLOAD"), "summary table printed: " + progress);
        assertTrue(progress.lines().anyMatch(line -> line.startsWith("netperf") && line.contains("baseline")), progress);
    }

    /** The module's classes and runtime dependencies, as surefire hands them over (see pom.xml). */
    private static JavaLauncher launcher() throws IOException {
        String classes = System.getProperty("workloads.classes");
        String dependencies = Files.readString(Path.of(System.getProperty("workloads.classpath.file"))).strip();
        return new JavaLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                classes + File.pathSeparator + dependencies);
    }
}
