package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The workloads' synthetic client ({@code org.danian.workloads.client.SyntheticClient}) in its
 * own JVM, never inside the system it measures: one open-loop Poisson run at {@link #RATE}
 * requests/s, its totals read from its CSV file.
 */
final class SyntheticClientProcess {

    static final int RATE = 2_000;

    /** Totals of one run: requests sent, replies matched to one, replies unasked or repeated. */
    record Totals(long sent, long received, long unexpected) {
    }

    private final Process process;
    private final Path csv;
    private final Path log;

    private SyntheticClientProcess(Process process, Path csv, Path log) {
        this.process = process;
        this.csv = csv;
        this.log = log;
    }

    static SyntheticClientProcess start(int port, int seconds) throws IOException {
        Path csv = Files.createTempFile("synthetic", ".csv");
        Path log = Files.createTempFile("synthetic", ".log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "org.danian.workloads.client.SyntheticClient", "--server", "127.0.0.1:" + port,
                "--rate", Integer.toString(RATE), "--samples", "1", "--runtime", Integer.toString(seconds),
                "--rampup", "0", "--grace", "2000", "--distribution", "exponential", "--mean", "500",
                "--csv", csv.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new SyntheticClientProcess(process, csv, log);
    }

    Totals await() throws IOException, InterruptedException {
        try {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the synthetic client did not finish");
            assertEquals(0, process.exitValue(), Files.readString(log));
            List<String> lines = Files.readAllLines(csv);
            List<String> header = List.of(lines.get(0).split(","));
            String[] row = lines.get(lines.size() - 1).split(",");
            return new Totals(Long.parseLong(row[header.indexOf("total_sent")].trim()),
                    Long.parseLong(row[header.indexOf("total_received")].trim()),
                    Long.parseLong(row[header.indexOf("unexpected")].trim()));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(csv);
            Files.deleteIfExists(log);
        }
    }
}
