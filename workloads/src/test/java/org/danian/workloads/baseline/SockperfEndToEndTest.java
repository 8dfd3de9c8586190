package org.danian.workloads.baseline;

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
import org.junit.jupiter.api.Test;

/**
 * The real sockperf client (Debian package {@code sockperf}, which .ci/run installs) against
 * the baseline netperf server, started as its own process: closed-loop ping-pong with every
 * byte checked, then open-loop load with every message answered. Nothing may be dropped.
 * Then SIGTERM stops the server with status 0, and its own counters show that it dropped
 * nothing either.
 *
 * <p>sockperf counts as dropped a reply still on its way when the client's timer ends. On a
 * loaded two-core machine a scheduling stall of the client or the server can hold the last
 * replies past that point, so the open-loop run may be repeated (up to three runs) until one
 * sees every reply; the server's counters cover all runs, so a reply it really failed to send
 * still fails the test.
 *
 * <p>Without sockperf on the PATH the test fails: it is part of what the build checks.
 */
class SockperfEndToEndTest {

    private static final Pattern DROPPED = Pattern.compile("# dropped messages = (\\d+); # duplicated messages = (\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("\\[Valid Duration\\].*ReceivedMessages=(\\d+)");

    @Test
    void sockperfPingPongAndUnderLoadGetEveryReplyIntact() throws Exception {
        Path sockperf = findSockperf();
        try (ServerProcess server = ServerProcess.start("--workload", "netperf", "--port", "0",
                "--bind", "127.0.0.1", "--threads", "2")) {
            String port = Integer.toString(server.port);
            assertTrue(server.readyLine.startsWith("listening workload=netperf address=127.0.0.1 port="));

            String pingPong = run(sockperf, "ping-pong", "-i", "127.0.0.1", "-p", port, "-t", "2", "-m", "64",
                    "--data-integrity");
            assertFalse(pingPong.contains("data integrity test failed"), pingPong);
            assertNothingDropped(pingPong);

            String underLoad = "";
            for (int attempt = 0; attempt < 3 && droppedIn(underLoad) != 0; attempt++) {
                underLoad = run(sockperf, "under-load", "-i", "127.0.0.1", "-p", port, "-t", "2", "-m", "64",
                        "--mps", "5000", "--reply-every", "1");
            }
            assertNothingDropped(underLoad);

            assertEquals(0, server.terminate(), "exit status after SIGTERM");
            String stopped = server.stderr();
            assertTrue(stopped.contains("stopped on SIGTERM: workload=netperf"), stopped);
            assertTrue(stopped.contains("malformed=0 oversized=0 rejected=0 overloaded=0"), stopped);
        }
    }

    /** sockperf's dropped count, or -1 when the output has none (not run yet). */
    private static long droppedIn(String output) {
        Matcher dropped = DROPPED.matcher(output);
        return dropped.find() ? Long.parseLong(dropped.group(1)) : -1;
    }

    private static void assertNothingDropped(String output) {
        Matcher dropped = DROPPED.matcher(output);
        assertTrue(dropped.find(), "no drop line in sockperf's output:\n" + output);
        assertEquals("0", dropped.group(1), "dropped messages:\n" + output);
        assertEquals("0", dropped.group(2), "duplicated messages:\n" + output);
        Matcher received = RECEIVED.matcher(output);
        assertTrue(received.find() && Long.parseLong(received.group(1)) > 0, "no replies measured:\n" + output);
    }

    /** Runs sockperf; returns its output without colour codes; fails on a non-zero status. */
    private static String run(Path sockperf, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(sockperf.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] bytes = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "sockperf did not finish");
        String output = new String(bytes, StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
        assertEquals(0, process.exitValue(), "sockperf " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    private static Path findSockperf() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "sockperf");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("sockperf is not installed (not on PATH). Install it with "
                + "`apt-get update && apt-get install -y sockperf`; .ci/run does this on CI.");
    }
}
