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
import org.danian.kernel.KernelStatus;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.net.DriverCounters;
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
 * twice, every request the server accepted answered), swaps of the core allocator under
 * sockperf load with nothing dropped, the shell on standard input answering as data
 * ({@code --json}) as the experiment runner drives it, SIGTERM → exit 0, bad arguments → exit 2.
 *
 * <p>sockperf (Debian package {@code sockperf}) is installed by {@code .ci/run}; without it
 * the test fails and says how to install it.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ServeIT {

    private static final List<String> POLICIES = List.of("caladan", "danian", "danian-exact", "lottery");

    @TempDir
    static Path unpackedInto;
    @TempDir
    static Path work;
    static Path launcher;

    @BeforeAll
    static void unpackTarball() throws IOException, InterruptedException {
        launcher = UnpackedDistribution.into(unpackedInto).resolve("bin").resolve("danian");
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
            assertTrue(serve.output().matches("(?s)(.*\n)?netperf 127\\.0\\.0\\.1 \\d+\n.*"), serve::output);
            SwapAnswer swap = ShellJson.read(serve.command("danian:policy --json lottery"), SwapAnswer.class);
            assertEquals(PolicyKind.THREAD_PICK, swap.result().kind());
            assertTrue(swap.result().outcome() != SwapResult.Outcome.FAILED, swap::toString);

            sockperf.passesPingPongAndUnderLoad(serve.ports.get("netperf"));

            MetricsSnapshot stats = ShellJson.read(serve.command("danian:stats --json"), MetricsSnapshot.class);
            assertTrue(stats.global().counts().picks() > 0, "no picks: " + stats);
            assertEveryAcceptedPacketAnswered(serve);

            assertEquals(0, serve.terminate(), serve::output);
        }
    }

    /**
     * {@code kill -9} of a serving node, then a start on the same data: the policies chosen
     * before the kill are back (the choice is saved when made, not at shutdown), the server
     * listens again and answers the real sockperf, and no Java process of the killed run is
     * left behind.
     */
    @Test
    void aKilledServerRestartsWithTheSavedPoliciesAndServes() throws Exception {
        SockperfClient sockperf = SockperfClient.onPath();
        Path data = Files.createTempDirectory(work, "data");
        long killedJava;
        try (ServeProcess serve = ServeProcess.start(launcher, work, data, 1, "--workload", "netperf", "--port", "0")) {
            SwapAnswer swap = ShellJson.read(serve.command("danian:policy --json lottery"), SwapAnswer.class);
            assertTrue(swap.result().outcome() != SwapResult.Outcome.FAILED, swap::toString);
            serve.command("danian:allocator lottery");
            killedJava = serve.javaPid();
            serve.kill();
        }
        assertFalse(ProcessHandle.of(killedJava).map(ProcessHandle::isAlive).orElse(false),
                "the killed run's Java process is gone");
        try (ServeProcess again = ServeProcess.start(launcher, work, data, 1, "--workload", "netperf", "--port", "0")) {
            KernelStatus status = ShellJson.read(again.command("danian:status --json"), KernelStatus.class);
            assertEquals("lottery", status.threadPick().active(), status.threadPick().toString());
            assertEquals("lottery", status.coreAllocation().active(), status.coreAllocation().toString());
            sockperf.passesPingPongAndUnderLoad(again.ports.get("netperf"));
            assertEquals(0, again.terminate(), again::output);
        }
    }

    /**
     * Churn: the workloads bundle and a policy bundle stopped and started 100 times in a
     * serving node leave its JVM's threads and open descriptors where they were after the
     * first ten cycles (a leak of one thread or socket per cycle would show as 90 more), and
     * the node still serves.
     */
    @Test
    void stoppingAndStartingBundlesAHundredTimesLeaksNoThreadOrDescriptor() throws Exception {
        SockperfClient sockperf = SockperfClient.onPath();
        try (ServeProcess serve = ServeProcess.start(launcher, work, Files.createTempDirectory(work, "data"), 1,
                "--workload", "netperf", "--port", "0")) {
            String bundles = serve.command("lb -s");
            String workloads = bundleId(bundles, "org\\.danian\\.workloads");
            String lottery = bundleId(bundles, "org\\.danian\\.policy\\.lottery");
            long java = serve.javaPid();
            long[] afterTen = null;
            for (int cycle = 1; cycle <= 100; cycle++) {
                serve.command("stop " + workloads);
                serve.command("stop " + lottery);
                serve.command("start " + lottery);
                String started = serve.command("start " + workloads);
                assertFalse(started.contains("Exception"), "cycle " + cycle + ": " + started);
                if (cycle == 10) {
                    afterTen = threadsAndDescriptors(java);
                }
            }
            long[] atEnd = threadsAndDescriptors(java);
            assertTrue(atEnd[0] <= afterTen[0] + 3, "threads " + afterTen[0] + " -> " + atEnd[0]);
            assertTrue(atEnd[1] <= afterTen[1] + 3, "descriptors " + afterTen[1] + " -> " + atEnd[1]);
            // The restarted workloads bundle opened its port anew: find it in its status.
            int port = ShellJson.read(serve.command("danian:workloads --json"), com.google.gson.JsonArray.class)
                    .get(0).getAsJsonObject().get("port").getAsInt();
            sockperf.passesPingPongAndUnderLoad(port);
            assertEquals(0, serve.terminate(), serve::output);
        }
    }

    private static String bundleId(String lb, String symbolicName) {
        Matcher bundle = Pattern.compile("(?m)^\\s*(\\d+)\\|.*\\|" + symbolicName + "\\b").matcher(lb);
        assertTrue(bundle.find(), symbolicName + " not in lb -s:\n" + lb);
        return bundle.group(1);
    }

    /** The live threads and open file descriptors of process {@code pid}, from /proc. */
    private static long[] threadsAndDescriptors(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"));
             Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return new long[] {tasks.count(), fds.count()};
        }
    }

    @Test
    void syntheticClientUnderEachPolicyAcrossHotSwapsAndABundleRestart() throws Exception {
        int port = freeUdpPort();
        try (ServeProcess serve = ServeProcess.start(launcher, work, Files.createTempDirectory(work, "data"), 1,
                "--workload", "synthetic", "--port", Integer.toString(port), "--bind", "127.0.0.1")) {
            assertEquals(Map.of("synthetic", port), serve.ports);
            for (String policy : POLICIES) {
                SwapAnswer swap = ShellJson.read(serve.command("danian:policy --json " + policy), SwapAnswer.class);
                assertEquals(policy, swap.result().requested());
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
            awaitServing(serve, port);
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
            assertEveryAcceptedPacketAnswered(serve);
            assertEquals(0, serve.terminate(), serve::output);
        }
    }

    /**
     * {@code danian:allocator} swaps the core allocator of a serving distribution back and forth
     * while the real sockperf client sends 5000 requests/s: sockperf counts no dropped or
     * duplicated message, every swap succeeds, and the kernel ejected nothing.
     */
    @Test
    void allocatorSwapsUnderSockperfLoadDropNothing() throws Exception {
        SockperfClient sockperf = SockperfClient.onPath();
        try (ServeProcess serve = ServeProcess.start(launcher, work, Files.createTempDirectory(work, "data"), 1,
                "--workload", "netperf", "--port", "0", "--bind", "127.0.0.1")) {
            int port = serve.ports.get("netperf");
            int[] swaps = {0};
            sockperf.passesUnderLoad(port, 3, () -> {
                Thread.sleep(300); // sockperf is sending
                for (int i = 0; i < 10; i++) {
                    String allocator = i % 2 == 0 ? "lottery" : "simple";
                    SwapAnswer answer = ShellJson.read(serve.command("danian:allocator --json " + allocator),
                            SwapAnswer.class);
                    assertEquals(PolicyKind.CORE_ALLOCATION, answer.result().kind());
                    assertEquals(SwapResult.Outcome.SWAPPED, answer.result().outcome(), answer::toString);
                    assertTrue(answer.saved(), "saved in the configuration: " + answer);
                    swaps[0]++;
                    Thread.sleep(150);
                }
            });
            KernelStatus status = ShellJson.read(serve.command("danian:status --json"), KernelStatus.class);
            assertEquals("simple", status.coreAllocation().active());
            assertTrue(swaps[0] >= 10 && status.coreAllocation().swaps() >= 11, status.coreAllocation()::toString);
            assertEquals(0, status.coreAllocation().ejections() + status.threadPick().ejections());
            assertEveryAcceptedPacketAnswered(serve);
            assertEquals(0, serve.terminate(), serve::output);
        }
    }

    /** The shape of a swap command's JSON answer: the kernel's result and whether it was saved. */
    record SwapAnswer(SwapResult result, boolean saved) {
    }

    /** The driver refused nothing for lack of room and every queued reply left. */
    private static void assertEveryAcceptedPacketAnswered(ServeProcess serve) throws Exception {
        KernelStatus status = ShellJson.read(serve.command("danian:status --json"), KernelStatus.class);
        DriverCounters packets = status.packets().counters();
        assertEquals(0, packets.ingressFull(), "ingress full: " + packets);
        assertEquals(0, packets.noBuffer(), "no buffer: " + packets);
        assertEquals(0, packets.transmitFailed(), "transmit failed: " + packets);
        assertEquals(0, status.packets().unanswered(), "unanswered: " + status.packets());
    }

    /**
     * Waits until the restarted workload lists itself on {@code port}. Its component opens the
     * port after {@code start} has returned, so the outage lasts until then, not until the
     * command's answer.
     */
    private static void awaitServing(ServeProcess serve, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            com.google.gson.JsonArray servers = ShellJson.read(serve.command("danian:workloads --json"),
                    com.google.gson.JsonArray.class);
            for (int i = 0; i < servers.size(); i++) {
                if (servers.get(i).getAsJsonObject().get("port").getAsInt() == port) {
                    return;
                }
            }
            assertTrue(System.nanoTime() < deadline, "no workload on port " + port + " 10 s after start: " + servers);
            Thread.sleep(5);
        }
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        }
    }

}
