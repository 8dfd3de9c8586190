package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import com.google.gson.JsonObject;
import org.danian.kernel.KernelStatus;
import org.danian.spi.net.DriverCounters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/danian serve --driver dpdk}: the netperf workload of the unpacked tarball served
 * through the DPDK driver bundle on net_af_packet, on the host end of a veth pair whose other
 * end lives in a network namespace this test creates (addresses from 198.18.0.0/15) and always
 * deletes; the real sockperf runs in that namespace ({@code ip netns exec}). Needs root, iproute2,
 * ethtool, sockperf and a distribution built with DPDK's shim: missing ones skip the test, or fail it
 * when {@code DANIAN_REQUIRE_DPDK=true} (CI, whose .ci/run installs them).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DpdkServeIT {

    private static final Pattern DROPPED = Pattern.compile("# dropped messages = (\\d+); # duplicated messages = (\\d+)");
    private static final String CLIENT_IP = "198.18.0.1";
    private static final String DRIVER_IP = "198.18.0.2";

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
    void netperfOnDpdkPassesTheRealSockperfFromANamespace() throws Exception {
        requirePrerequisites();
        String suffix = Long.toString(ProcessHandle.current().pid() % 1_000_000);
        String namespace = "danian-dsv-" + suffix;
        String host = "dsh" + suffix;
        String client = "dsc" + suffix;
        try {
            createVeth(namespace, host, client);
            try (ServeProcess serve = ServeProcess.start(launcher, work, Files.createTempDirectory(work, "data"), 1,
                    "--workload", "netperf", "--port", "0", "--driver", "dpdk", "--vdev",
                    "net_af_packet0,iface=" + host, "--ip", DRIVER_IP)) {
                String port = Integer.toString(serve.ports.get("netperf"));
                String pingPong = sockperf(namespace, "ping-pong", "-i", DRIVER_IP, "--port=" + port, "-t", "2", "-m", "64",
                        "--data-integrity");
                assertFalse(pingPong.contains("data integrity test failed"), pingPong);
                assertEquals(0, dropped(pingPong), pingPong);
                // A reply in flight when sockperf's timer ends counts as dropped: a stall of the
                // shared machine then is retried; a server that loses replies fails every try.
                String underLoad = "";
                for (int attempt = 0; attempt < 5 && dropped(underLoad) != 0; attempt++) {
                    underLoad = sockperf(namespace, "under-load", "-i", DRIVER_IP, "--port=" + port, "-t", "2", "-m",
                            "64", "--mps", "5000", "--reply-every", "1");
                }
                assertEquals(0, dropped(underLoad), underLoad);

                KernelStatus status = ShellJson.read(serve.command("danian:status --json"), KernelStatus.class);
                assertEquals("dpdk", status.packets().configured(), status.packets().toString());
                assertTrue(status.packets().installed(), status.packets().toString());
                DriverCounters counters = status.packets().counters();
                assertTrue(counters.delivered() > 1000 && counters.sent() > 1000, counters.toString());
                assertEquals(0, counters.dropped() - counters.unroutable(), counters.toString());
                assertEquals(0, counters.transmitFailed(), counters.toString());
                assertEquals(0, counters.badChecksum(), counters.toString());
                assertTrue(counters.driverSpecific().get("arpReplies") >= 1, "sockperf's kernel asked by ARP: " + counters);
                assertEquals(counters.driverSpecific().get("frames"), counters.received()
                        + counters.driverSpecific().get("arpReplies") + counters.driverSpecific().get("other"),
                        "every frame counted once: " + counters);
                // Frames that are neither IPv4 nor ARP: IPv6 on the client end sends neighbour
                // discovery and multicast listener reports (ethertype 0x86dd) as it comes up.
                long otherBefore = counters.driverSpecific().get("other");
                run("ip", "netns", "exec", namespace, "sysctl", "-qw", "net.ipv6.conf." + client + ".disable_ipv6=0");
                DriverCounters withIpv6 = awaitOtherFrames(serve, otherBefore);
                assertEquals(counters.received(), withIpv6.received(), "IPv6 frames are no datagrams: " + withIpv6);

                // A new revision of the driver bundle (update, refresh: a new class loader, whose
                // EAL init meets EALREADY): the kernel opens the workload's port on the new
                // service with the same number, and sockperf is answered again.
                Matcher bundle = Pattern.compile("(?m)^\\s*(\\d+)\\|.*\\|org\\.danian\\.driver\\.dpdk\\b")
                        .matcher(serve.command("lb -s"));
                assertTrue(bundle.find(), "no dpdk driver bundle in lb -s");
                String updated = serve.command("update " + bundle.group(1)) + serve.command("refresh " + bundle.group(1));
                assertFalse(updated.contains("Exception"), updated);
                KernelStatus after = awaitDriverInstalled(serve);
                assertEquals(1, after.packets().openPorts(), after.packets().toString());
                String again = sockperf(namespace, "ping-pong", "-i", DRIVER_IP, "--port=" + port, "-t", "1", "-m", "64",
                        "--data-integrity");
                assertFalse(again.contains("data integrity test failed"), again);
                assertEquals(0, dropped(again), again);
                assertEquals(0, serve.terminate(), serve::output);
            }
        } finally {
            new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /**
     * {@code serve --driver dpdk} killed with SIGKILL: the driver choice was the run's only, so
     * the next start of the same data folder reads the stored one, the kernel's UDP sockets.
     */
    @Test
    void aKilledDpdkServeLeavesTheStoredDriver() throws Exception {
        requirePrerequisites();
        String suffix = Long.toString(ProcessHandle.current().pid() % 1_000_000);
        String namespace = "danian-dsk-" + suffix;
        String host = "dkh" + suffix;
        String client = "dkc" + suffix;
        Path data = Files.createTempDirectory(work, "data");
        try {
            createVeth(namespace, host, client);
            try (ServeProcess serve = ServeProcess.start(launcher, work, data, 1, "--workload", "netperf", "--port",
                    "0", "--driver", "dpdk", "--vdev", "net_af_packet0,iface=" + host, "--ip", DRIVER_IP)) {
                // SCR delivers the run's setting to the kernel asynchronously, after serve saw the driver's service.
                KernelStatus status = awaitDriver(serve, "dpdk");
                assertTrue(status.packets().installed(), status.packets().toString());
                JsonObject during = ShellJson.read(serve.command("danian:config --json packetDriver"), JsonObject.class);
                assertEquals("dpdk", during.get("effective").getAsString(), during.toString());
                assertTrue(during.get("configured").isJsonNull(), "nothing stored: " + during);
            } // close(): SIGKILL, no clean-up of the run's own
            JsonObject stored = ShellJson.read(oneShot(data, "config", "--json", "packetDriver"), JsonObject.class);
            assertEquals("kernel-udp", stored.get("effective").getAsString(), stored.toString());
            assertTrue(stored.get("configured").isJsonNull(), "nothing stored: " + stored);
            KernelStatus next = ShellJson.read(oneShot(data, "status", "--json"), KernelStatus.class);
            assertEquals("kernel-udp", next.packets().configured(), next.packets().toString());
        } finally {
            new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** {@code bin/danian ARGS…} on the data folder {@code data}; its standard output (fails on a non-zero exit). */
    private static String oneShot(Path data, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = DanianProcess.builder(launcher, work, args)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DANIAN_JAVA_OPTS", "-Ddanian.data=" + data);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(90, TimeUnit.SECONDS), "bin/danian " + String.join(" ", args) + " did not end");
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "bin/danian " + String.join(" ", args) + ": " + text);
        return text;
    }

    /**
     * The veth pair, its client end in {@code namespace} with IPv6 off and complete UDP
     * checksums ({@code tx off}: with transmit offload a veth leaves them partial, and the DPDK
     * driver, which af_packet tells nothing of the checksum, would drop them as bad).
     */
    private static void createVeth(String namespace, String host, String client) throws IOException, InterruptedException {
        run("ip", "netns", "add", namespace);
        run("ip", "-n", namespace, "link", "set", "lo", "up");
        run("ip", "link", "add", host, "type", "veth", "peer", "name", client, "netns", namespace);
        run("sysctl", "-qw", "net.ipv6.conf." + host + ".disable_ipv6=1");
        run("ip", "link", "set", host, "up");
        run("ip", "netns", "exec", namespace, "sysctl", "-qw", "net.ipv6.conf." + client + ".disable_ipv6=1");
        run("ip", "netns", "exec", namespace, "ethtool", "-K", client, "tx", "off");
        run("ip", "-n", namespace, "addr", "add", CLIENT_IP + "/24", "dev", client);
        run("ip", "-n", namespace, "link", "set", client, "up");
    }

    /** The driver's counters once more than {@code before} "other" frames were counted (15 s at most). */
    private static DriverCounters awaitOtherFrames(ServeProcess serve, long before) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            DriverCounters counters = ShellJson.read(serve.command("danian:status --json"), KernelStatus.class)
                    .packets().counters();
            if (counters.driverSpecific().get("other") > before || System.nanoTime() > deadline) {
                assertTrue(counters.driverSpecific().get("other") > before, "no IPv6 frame counted as other: " + counters);
                return counters;
            }
            Thread.sleep(200);
        }
    }

    private static KernelStatus awaitDriver(ServeProcess serve, String configured) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            KernelStatus status = ShellJson.read(serve.command("danian:status --json"), KernelStatus.class);
            if (configured.equals(status.packets().configured()) || System.nanoTime() > deadline) {
                assertEquals(configured, status.packets().configured(), status.packets().toString());
                return status;
            }
            Thread.sleep(100);
        }
    }

    private static KernelStatus awaitDriverInstalled(ServeProcess serve) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            KernelStatus status = ShellJson.read(serve.command("danian:status --json"), KernelStatus.class);
            if (status.packets().installed() || System.nanoTime() > deadline) {
                assertTrue(status.packets().installed(), "the restarted dpdk driver was not bound: " + status.packets());
                return status;
            }
            Thread.sleep(100);
        }
    }

    private static String sockperf(String namespace, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "sockperf"));
        command.addAll(List.of(args));
        return run(command.toArray(new String[0])).replaceAll("\u001b\\[[0-9;]*m", "");
    }

    private static long dropped(String report) {
        Matcher matcher = DROPPED.matcher(report);
        return matcher.find() ? Long.parseLong(matcher.group(1)) + Long.parseLong(matcher.group(2)) : -1;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        String text = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + text);
        return text;
    }

    private static void requirePrerequisites() throws IOException {
        String missing = null;
        if (!Files.readString(Path.of("/proc/self/status")).matches("(?s).*\nUid:\\s+0\\s.*")) {
            missing = "root (network namespaces, raw sockets)";
        }
        for (String tool : new String[] {"ip", "ethtool", "sockperf"}) {
            boolean found = false;
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                found |= Files.isExecutable(Path.of(dir, tool));
            }
            missing = found ? missing : tool + " on PATH";
        }
        Path bundle = launcher.getParent().getParent().resolve("bundle").resolve("driver-dpdk.jar");
        try (ZipFile jar = new ZipFile(bundle.toFile())) {
            if (jar.getEntry("native/linux-x86_64/libdanian_dpdk_shim.so") == null) {
                missing = "the DPDK shim in " + bundle + " (build with libdpdk-dev and pkg-config installed)";
            }
        }
        if (missing == null) {
            return;
        }
        if ("true".equals(System.getenv("DANIAN_REQUIRE_DPDK"))) {
            throw new AssertionError("DANIAN_REQUIRE_DPDK=true but this machine lacks " + missing);
        }
        Assumptions.abort("needs " + missing + " (set DANIAN_REQUIRE_DPDK=true to make this a failure)");
    }
}
