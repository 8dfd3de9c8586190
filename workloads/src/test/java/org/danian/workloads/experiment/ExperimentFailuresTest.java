package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner when points fail, against the fake {@code bin/danian serve} (it answers the shell
 * but serves no packet, so every real client fails): each point is retried once, the failure
 * names the client's root cause in one line, and the thread-pick policy configured before the
 * run is swapped back at the end.
 */
class ExperimentFailuresTest {

    @TempDir
    Path home;
    @TempDir
    Path out;

    @Test
    void aFailingPointIsRetriedOnceExplainedAndThePolicyRestored() throws Exception {
        Path bin = Files.createDirectories(home.resolve("bin"));
        try (InputStream script = ExperimentFailuresTest.class.getResourceAsStream("fake-danian")) {
            Files.write(bin.resolve("danian"), script.readAllBytes());
        }
        Files.setPosixFilePermissions(bin.resolve("danian"), PosixFilePermissions.fromString("rwxr-xr-x"));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        Sweep one = new Sweep(List.of(1_000.0), 0.5, 0, List.of(1), 0.5, 0);

        int status = ExperimentRunner.run(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), launcher(), one,
                "--policies", "lottery", "--workload", "netperf", "--quick", "--out", out.toString(),
                "--danian-home", home.toString());

        String progress = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, progress);
        assertTrue(progress.contains("failed, retrying once: client for 1 threads exited with status"), progress);
        List<String> failures = progress.lines().dropWhile(line -> !line.endsWith("failure(s):")).skip(1).toList();
        assertEquals(1, failures.size(), progress);
        assertTrue(failures.get(0).contains("repeat=1 policy=lottery workload=netperf point=1 threads")
                && failures.get(0).contains("(also on the first attempt:"), failures.get(0));
        assertTrue(!failures.get(0).contains("\tat ") && !failures.get(0).contains("\n"), "one line, no stack frame");
        List<String> commands = Files.readAllLines(bin.resolve("commands.log"));
        assertTrue(commands.contains("danian:policy --json lottery"), commands.toString());
        assertEquals("danian:policy --json caladan", commands.stream().filter(c -> c.startsWith("danian:policy --json "))
                .reduce((first, last) -> last).orElseThrow(), "the configured policy swapped back: " + commands);
    }

    private static JavaLauncher launcher() throws IOException {
        String classes = System.getProperty("workloads.classes");
        String dependencies = Files.readString(Path.of(System.getProperty("workloads.classpath.file"))).strip();
        return new JavaLauncher(Path.of(System.getProperty("java.home"), "bin", "java"),
                classes + File.pathSeparator + dependencies);
    }
}
