package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.danian.workloads.testing.SockperfClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/danian serve} of the unpacked tarball, measured by clients nobody here wrote and
 * by the workloads' own client in its own JVM: the real {@code sockperf} against the netperf
 * server (every byte intact, nothing dropped), the synthetic client under each thread-pick
 * policy and across hot swaps and a stop/start of the workloads bundle (no request answered
 * twice, every request the server accepted answered), the shell on standard input as the
 * experiment runner drives it, SIGTERM → exit 0, bad arguments → exit 2.
 *
 * <p>sockperf (Debian package {@code sockperf}) is installed by {@code .ci/run}; without it
 * the test fails and says how to install it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServeIT {

    private static final Pattern PACKETS = Pattern.compile(
            "(?m)^kernel-udp\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$");
    private static final List<String> POLICIES = List.of("caladan", "danian", "danian-exact", "lottery");

    @TempDir
    static Path unpackedInto;
    @TempDir
    static Path work;
    static Path launcher;

    @BeforeAll
    static void unpackTarball() throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("danian.distribution.tarball"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpackedInto.toString())
                .inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS), "tar did not finish");
        List<Path> roots;
        try (Stream<Path> children = Files.list(unpackedInto)) {
            roots = children.collect(Collectors.toList());
        }
        launcher = roots.get(0).resolve("bin").resolve("danian");
    }

    @Test
    void badArgumentsExitWithTwoAndNameTheValue() throws Exception {
        for (String[] args : List.of(new String[] {"serve", "--port", "70000"},
                new String[] {"serve", "--workload", "memcached"}, new String[] {"serve", "--bind", "10.255.255.1"},
                new String[] {"serve", "--threads", "4"})) {
            DanianProcess.Result result = DanianProcess.runOnce(launcher, work, args);
            assertEquals(2, result.exitCode(), result::toString);
            assertTrue(result.stderr().contains(args[2]) || result.stderr().contains(args[1]), result::toString);
        }
    }

    @Test
    void netperfServerPassesTheRealSockperfAndStopsCleanlyOnSigterm() throws Exception {
        SockperfClient sockperf = SockperfClient.onPath();
        try (ServeProcess serve = ServeProcess.start(launcher, work, Files.createTempDirectory(work, "data"), 1,
                "--workload", "netperf", "--port", "0")) {
            assertTrue(serve.output().matches("(?s)(.*\n)?netperf 0\\.0\\.0\\.0 \\d+\n.*"), serve::output);
            String swap = serve.command("danian:policy lottery");
            assertTrue(swap.contains("-> 'lottery'") || swap.contains("'lottery' (already active)"), swap);

            sockperf.passesPingPongAndUnderLoad(serve.ports.get("netperf"));

            String stats = serve.command("danian:stats");
            for (String counter : List.of("picks", "pick_wall_ns", "pick_cpu_ns")) {
                assertTrue(Pattern.compile("(?m)^" + counter + " (\\d+|n/a)$").matcher(stats).find(), stats);
            }
            assertTrue(Pattern.compile("(?m)^picks [1-9]\\d*$").matcher(stats).find(), "no picks: " + stats);
            assertEveryAcceptedPacketAnswered(serve.command("danian:status"));

            assertEquals(0, serve.terminate(), serve::output);
        }
    }

    @Test
    void syntheticClientUnderEachPolicyAcrossHotSwapsAndABundleRestart() throws Exception {
        int port = freeUdpPort();
        try (ServeProcess serve = ServeProcess.start(launcher, work, Files.createTempDirectory(work, "data"), 1,
                "--workload", "synthetic", "--port", Integer.toString(port), "--bind", "127.0.0.1")) {
            assertEquals(Map.of("synthetic", port), serve.ports);
            for (String policy : POLICIES) {
                assertTrue(serve.command("danian:policy " + policy).contains("'" + policy + "'"));
                SyntheticClientProcess run = SyntheticClientProcess.start(port, 2);
                SyntheticClientProcess.Totals totals = run.await();
                assertEquals(0, totals.unexpected(), policy + ": replies answered twice or unasked: " + totals);
                assertEquals(totals.sent(), totals.received(), policy + ": unanswered requests: " + totals);
            }

            Matcher bundle = Pattern.compile("(?m)^\\s*(\\d+)\\|.*\\|org\\.danian\\.workloads\\b")
                    .matcher(serve.command("lb -s"));
            assertTrue(bundle.find(), "no workloads bundle in lb -s");
            String workloadsBundle = bundle.group(1);
            SyntheticClientProcess disrupted = SyntheticClientProcess.start(port, 4);
            Thread.sleep(1_000);
            serve.command("danian:policy caladan");
            serve.command("danian:policy danian-exact");
            long stopped = System.nanoTime();
            serve.command("stop " + workloadsBundle);
            String started = serve.command("start " + workloadsBundle);
            assertFalse(started.contains("Exception"), started);
            long restartNanos = System.nanoTime() - stopped;
            serve.command("danian:policy lottery");
            SyntheticClientProcess.Totals totals = disrupted.await();
            assertEquals(0, totals.unexpected(), "replies answered twice or unasked: " + totals);
            assertTrue(totals.received() > 0, totals::toString);
            // Requests lost while no server listened: at most the restart window's worth (the
            // client sends 2000/s), plus the 100 ms a request may be in flight around it.
            long allowed = (restartNanos / 1_000_000 + 100) * SyntheticClientProcess.RATE / 1000;
            assertTrue(totals.sent() - totals.received() <= allowed, "lost " + (totals.sent() - totals.received())
                    + " > " + allowed + " over a restart of " + restartNanos / 1_000_000 + " ms: " + totals);
            assertEveryAcceptedPacketAnswered(serve.command("danian:status"));
            assertEquals(0, serve.terminate(), serve::output);
        }
    }

    /** The driver refused nothing for lack of room and every queued reply left. */
    private static void assertEveryAcceptedPacketAnswered(String status) {
        Matcher packets = PACKETS.matcher(status);
        assertTrue(packets.find(), status);
        assertEquals("0", packets.group(6), "ingress full: " + status);
        assertEquals("0", packets.group(7), "no buffer: " + status);
        assertEquals("0", packets.group(10), "transmit failed: " + status);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

}
