package org.danian.workloads.testing;

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

/**
 * The real sockperf client (Debian package {@code sockperf}, docs/bibliography.md) run against
 * one of our netperf servers, with the checks every such test makes. Its answers are read from
 * sockperf's own report (a third-party tool: its wording is its only output). Shared through the
 * workloads test-jar by the baseline server's test and the distribution's {@code serve} test.
 */
public final class SockperfClient {

    private static final Pattern DROPPED = Pattern.compile("# dropped messages = (\\d+); # duplicated messages = (\\d+)");
    private static final Pattern RECEIVED = Pattern.compile("\\[Valid Duration\\].*ReceivedMessages=(\\d+)");
    /** sockperf reports a reply still in flight when its timer ends as dropped; a stall of the
     *  shared machine at that moment is retried, a server that loses replies fails every try. */
    private static final int UNDER_LOAD_ATTEMPTS = 3;

    private final Path sockperf;

    private SockperfClient(Path sockperf) {
        this.sockperf = sockperf;
    }

    /**
     * The sockperf on the {@code PATH}.
     *
     * @throws AssertionError saying how to install it, if it is not there (tests must fail, not skip)
     */
    public static SockperfClient onPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "sockperf");
            if (Files.isExecutable(candidate)) {
                return new SockperfClient(candidate);
            }
        }
        throw new AssertionError("sockperf is not installed (not on PATH). Install it with "
                + "`apt-get update && apt-get install -y sockperf`; .ci/run does this on CI.");
    }

    /**
     * {@code ping-pong --data-integrity} then {@code under-load --mps 5000 --reply-every 1} over
     * UDP against {@code 127.0.0.1:port}, 2 s each: integrity holds, nothing dropped or duplicated.
     */
    public void passesPingPongAndUnderLoad(int port) throws Exception {
        String target = Integer.toString(port);
        String pingPong = run("ping-pong", "-i", "127.0.0.1", "-p", target, "-t", "2", "-m", "64", "--data-integrity");
        assertFalse(pingPong.contains("data integrity test failed"), pingPong);
        assertNothingDropped(pingPong);
        passesUnderLoad(port, 2, () -> { });
    }

    /**
     * {@code under-load --mps 5000 --reply-every 1} for {@code seconds} against
     * {@code 127.0.0.1:port} while {@code meanwhile} runs on the calling thread (it starts once
     * sockperf has started): nothing dropped or duplicated. A try whose replies were lost is
     * repeated, with {@code meanwhile} again, up to three times in all.
     */
    public void passesUnderLoad(int port, int seconds, ThrowingRunnable meanwhile) throws Exception {
        String underLoad = "";
        for (int attempt = 0; attempt < UNDER_LOAD_ATTEMPTS && droppedIn(underLoad) != 0; attempt++) {
            java.util.concurrent.CompletableFuture<String> client = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> runUnchecked("under-load", "-i", "127.0.0.1", "-p", Integer.toString(port), "-t",
                            Integer.toString(seconds), "-m", "64", "--mps", "5000", "--reply-every", "1"));
            meanwhile.run();
            underLoad = client.get();
        }
        assertNothingDropped(underLoad);
    }

    /** Work to run while sockperf sends. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        /** Runs; any exception fails the test. */
        void run() throws Exception;
    }

    private String runUnchecked(String... args) {
        try {
            return run(args);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sockperf ran", e);
        }
    }

    /** Runs sockperf; returns its output without colour codes; fails on a non-zero status. */
    public String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(sockperf.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            byte[] bytes = process.getInputStream().readAllBytes();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "sockperf did not finish");
            String output = new String(bytes, StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;]*m", "");
            assertEquals(0, process.exitValue(), "sockperf " + String.join(" ", args) + ":\n" + output);
            return output;
        } finally {
            process.destroyForcibly();
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
}
