package org.danian.workloads.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.danian.workloads.baseline.BaselineService;
import org.danian.workloads.baseline.Workload;
import org.danian.workloads.server.HandlerStats;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both clients against the baseline servers on loopback, at low load. */
class ClientsAgainstBaselineTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final Pattern CALADAN_LINE = Pattern.compile(
            "exponential, \\d+, \\d+, \\d+, \\d+, (\\d+\\.\\d|inf), (\\d+\\.\\d|inf), (\\d+\\.\\d|inf), "
                    + "(\\d+\\.\\d|inf), (\\d+\\.\\d|inf), \\d{10}");
    private static final Pattern NETPERF_LINE = Pattern.compile(
            "t: 2 rps: \\d+\\.\\d{2} n: \\d+ min: \\d+\\.\\d{2} mean: \\d+\\.\\d{2} 90%: \\d+\\.\\d{2} "
                    + "99%: \\d+\\.\\d{2} 99\\.9%: \\d+\\.\\d{2} 99\\.99%: \\d+\\.\\d{2} max: \\d+\\.\\d{2}");

    @Test
    void syntheticSampleAccountsForEveryRequestSent() throws Exception {
        try (BaselineService server = BaselineService.start(Workload.SYNTHETIC, ANY_LOOPBACK_PORT, 2, 1_000_000)) {
            SyntheticLoad load = new SyntheticLoad(server.address(), 2, 0.3, 0.5,
                    ServiceDistribution.EXPONENTIAL, 167, 300, 7);
            SyntheticSample sample = load.run(2000);

            assertTrue(sample.sent() > 0, sample.toString());
            assertEquals(sample.sent(), sample.received() + sample.dropped());
            assertEquals(0, sample.dropped(), "nothing lost at a low rate on loopback: " + sample);
            assertEquals(0, sample.unexpected());
            HandlerStats stats = server.stats();
            assertEquals(sample.totalSent(), stats.received(), "server saw every request sent: " + stats);
            assertEquals(sample.totalSent(), stats.replied(), "and answered each: " + stats);
            assertEquals(sample.totalSent(), sample.totalReceived(), "client matched every reply");
            assertTrue(CALADAN_LINE.matcher(sample.line()).matches(), sample.line());
        }
    }

    @Test
    void syntheticClientPrintsCaladansHeaderAndOneLinePerRateAndTheCsv(@TempDir Path dir) throws Exception {
        try (BaselineService server = BaselineService.start(Workload.SYNTHETIC, ANY_LOOPBACK_PORT, 2, 1_000_000)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Path csv = dir.resolve("synthetic.csv");
            int status = SyntheticClient.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    "--server", "127.0.0.1:" + server.address().getPort(), "--rate", "2000", "--samples", "2",
                    "--runtime", "0.3", "--rampup", "0", "--distribution", "exponential", "--grace", "200",
                    "--csv", csv.toString());

            assertEquals(0, status);
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(SyntheticSample.HEADER, lines.get(0));
            assertEquals(3, lines.size(), String.join("\n", lines));
            for (String line : lines.subList(1, 3)) {
                assertTrue(CALADAN_LINE.matcher(line).matches(), line);
            }
            List<String> rows = Files.readAllLines(csv);
            assertEquals(String.join(",", SyntheticSample.CSV_HEADER), rows.get(0));
            assertEquals(3, rows.size());
            assertTrue(rows.get(1).startsWith("exponential,1000,"), rows.get(1));
        }
    }

    @Test
    void netperfClientWithTwoThreadsPrintsCaladansLineAndClosesItsEchoPorts(@TempDir Path dir) throws Exception {
        try (BaselineService server = BaselineService.start(Workload.NETPERF, ANY_LOOPBACK_PORT, 2, 0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Path csv = dir.resolve("netperf.csv");
            int status = NetperfClient.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err,
                    "--server", "127.0.0.1:" + server.address().getPort(), "--threads", "2", "--duration", "1",
                    "--csv", csv.toString());

            assertEquals(0, status);
            String line = out.toString(StandardCharsets.UTF_8).trim();
            assertTrue(NETPERF_LINE.matcher(line).matches(), line);
            List<String> rows = Files.readAllLines(csv);
            assertEquals(2, rows.size());
            assertTrue(rows.get(1).startsWith("2,"), rows.get(1));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (server.echoPortCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, server.echoPortCount(), "the client's kill messages closed its echo ports");
            assertEquals(0, server.stats().dropped(), server.stats().toString());
        }
    }
}
