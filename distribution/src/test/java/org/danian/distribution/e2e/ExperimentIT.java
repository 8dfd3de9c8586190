package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/danian experiment} of the packaged tree, as the README's main command runs it,
 * narrowed to one workload and two policies so it stays short: the runner starts in its own
 * JVM on {@code lib/}, starts {@code serve}, swaps policies, runs the clients and writes the
 * report.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ExperimentIT {

    @TempDir
    Path workingDirectory;

    @Test
    void quickNetperfExperimentWritesCsvPlotsAndReport() throws Exception {
        Path launcher = Path.of(System.getProperty("danian.distribution.tree"), "bin", "danian");
        Path out = workingDirectory.resolve("results");

        DanianProcess.Result result = DanianProcess.runOnce(launcher, workingDirectory, "experiment", "--quick",
                "--workload", "netperf", "--policies", "danian-exact,caladan", "--out", out.toString());

        assertEquals(0, result.exitCode(), result::toString);
        for (String file : new String[] {"netperf-danian-exact.csv", "netperf-caladan.csv",
                "fig5-netperf-mean.png", "fig8-netperf-rps.png", "index.html"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, () -> file + " missing or empty: " + result);
        }
        String csv = Files.readString(out.resolve("netperf-danian-exact.csv"));
        assertEquals(3, csv.lines().count(), () -> "header and two points expected:\n" + csv);
        assertTrue(result.stdout().contains("policy=caladan"), result::toString);
        assertTrue(Files.readString(out.resolve("index.html")).contains("fig8-netperf-rps.png"));
    }
}
