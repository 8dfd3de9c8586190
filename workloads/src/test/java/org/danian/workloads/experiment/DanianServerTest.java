package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.danian.workloads.baseline.Workload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DanianServer} against a bash script that honours the same contract as
 * {@code bin/danian serve} (resource {@code fake-danian}): start and readiness, swap round
 * trips, a refused swap, pick counters, stop on SIGTERM.
 */
class DanianServerTest {

    @TempDir
    Path home;

    private DanianServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void startsAndReportsWhereEachWorkloadListens() throws Exception {
        server = fake("normal", EnumSet.allOf(Workload.class));
        assertEquals("all", server.workloadArgument());
        Map<Workload, InetSocketAddress> listening = server.start();
        assertEquals(Map.of(Workload.SYNTHETIC, new InetSocketAddress(InetAddress.getLoopbackAddress(), 41000),
                Workload.NETPERF, new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 41001)), listening);
    }

    @Test
    void oneWorkloadIsAskedForByName() throws Exception {
        server = fake("normal", EnumSet.of(Workload.NETPERF));
        assertEquals("netperf", server.workloadArgument());
        assertEquals(Set.of(Workload.NETPERF), server.start().keySet());
    }

    @Test
    void swapsRoundTripAndARefusedSwapIsAnError() throws Exception {
        server = fake("normal", EnumSet.allOf(Workload.class));
        server.start();
        server.swapTo("danian");
        server.swapTo("danian"); // already active: still a success
        server.swapTo("danian-exact");
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> server.swapTo("fifo"));
        assertTrue(refused.getMessage().contains("swap to 'fifo' failed"), refused.getMessage());
        assertTrue(refused.getMessage().contains("unknown thread-pick policy 'fifo'"), refused.getMessage());
        server.swapTo("lottery"); // the session is still in step after an error
    }

    @Test
    void theConfiguredPolicyIsReadSoThatTheRunnerCanRestoreIt() throws Exception {
        server = fake("normal", EnumSet.allOf(Workload.class));
        server.start();
        assertEquals(Optional.of("caladan"), server.configuredPolicy());
        server.swapTo("lottery");
        assertEquals(Optional.of("lottery"), server.configuredPolicy(), "a swap is saved in the configuration");
        server.swapTo("caladan");
        assertEquals(Optional.of("caladan"), server.configuredPolicy());
    }

    @Test
    void pickCountersAreReadAndDifferenced() throws Exception {
        server = fake("normal", EnumSet.allOf(Workload.class));
        server.start();
        ServerStats first = server.stats();
        assertEquals(OptionalLong.of(10), first.picks());
        ServerStats growth = server.stats().since(first);
        assertEquals(OptionalLong.of(10), growth.picks());
        assertEquals(OptionalLong.of(400), growth.pickCpuNanos(), "40 ns per sampled pick, 10 picks");
        assertEquals(OptionalLong.of(550), growth.pickWallNanos());
        assertTrue(server.cpuNanos().orElse(0) >= 0);
    }

    @Test
    void aServerWithoutStatsGivesNoNumbers() throws Exception {
        server = fake("no-stats", EnumSet.allOf(Workload.class));
        server.start();
        assertEquals(ServerStats.NONE, server.stats());
    }

    @Test
    void stopsCleanlyOnSigterm() throws Exception {
        server = fake("normal", EnumSet.allOf(Workload.class));
        server.start();
        assertEquals("", server.stop(), "exit status 0 on SIGTERM");
        server = null;
        String log = Files.readString(home.resolve("server.log"));
        assertTrue(log.contains("stopping on SIGTERM"), log);
    }

    @Test
    void aServerThatExitsBeforeReadyIsAnErrorWithItsOutput() throws Exception {
        server = fake("die-early", EnumSet.allOf(Workload.class));
        IOException failed = assertThrows(IOException.class, () -> server.start());
        assertTrue(failed.getMessage().contains("danian serve exited"), failed.getMessage());
        assertTrue(failed.getMessage().contains("cannot bind: address in use"), failed.getMessage());
    }

    @Test
    void aMissingLauncherIsAnError() {
        server = new DanianServer(ExperimentNode.LOCAL, home.resolve("nowhere"), null, EnumSet.allOf(Workload.class), home.resolve("server.log"),
                10, 10);
        IOException failed = assertThrows(IOException.class, () -> server.start());
        assertTrue(failed.getMessage().contains("no executable Danian launcher at " + home.resolve("nowhere")),
                failed.getMessage());
    }

    @Test
    void readinessLinesAreRecognisedAndOtherLinesIgnored() throws Exception {
        assertEquals(Map.entry(Workload.NETPERF, new InetSocketAddress(InetAddress.getLoopbackAddress(), 8001)),
                DanianServer.readiness("g! netperf 0.0.0.0 8001").orElseThrow());
        assertEquals(Workload.SYNTHETIC, DanianServer.readiness("synthetic 10.0.0.2 8000").orElseThrow().getKey());
        for (String line : List.of("netperf server on 0.0.0.0 8001", "synthetic 0.0.0.0 99999", "netperf 0.0.0.0",
                "memcached 0.0.0.0 11211", "")) {
            assertTrue(DanianServer.readiness(line).isEmpty(), line);
        }
    }

    /** A Danian home whose bin/danian is the fake script, run in {@code mode}. */
    private DanianServer fake(String mode, Set<Workload> workloads) throws IOException {
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path launcher = bin.resolve("danian");
        try (InputStream script = DanianServerTest.class.getResourceAsStream("fake-danian")) {
            String text = new String(script.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Files.writeString(launcher, text.replace("mode=${FAKE_MODE:-normal}", "mode=" + mode));
        }
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new DanianServer(ExperimentNode.LOCAL, home, null, workloads, home.resolve("server.log"), 30, 30);
    }
}
