package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of {@code bin/danian serve} and the one-shots that scripts rely on, checked by
 * exit statuses and by what standard output holds (never by wording): only ready lines and
 * answers on standard output; exit 0 on a stop signal at any moment, and on {@code exit}; a
 * busy port fails with 3 well before the startup timeout; {@code --help} everywhere; stale run
 * caches swept; a broken jar in {@code load/} does not fail a one-shot.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ServeContractIT {

    /** Well under the 60 s startup timeout: a failure that waited for it would miss this. */
    private static final long FAST_SECONDS = 40;

    @TempDir
    static Path unpackedInto;
    @TempDir
    static Path elsewhere;
    static Path home;
    static Path launcher;

    @BeforeAll
    static void unpack() throws Exception {
        home = UnpackedDistribution.into(unpackedInto);
        launcher = home.resolve("bin").resolve("danian");
    }

    @Test
    void helpIsAnsweredEverywhereWithStatusZero() throws Exception {
        for (List<String> args : List.of(List.of("--help"), List.of("-h"), List.of("serve", "--help"),
                List.of("policy", "--help"), List.of("config", "--help"))) {
            DanianProcess.Result result = DanianProcess.runOnce(launcher, elsewhere, args.toArray(new String[0]));
            assertEquals(0, result.exitCode(), () -> args + ": " + result);
            assertFalse(result.stdout().isBlank(), () -> args + ": " + result);
        }
    }

    @Test
    void standardOutputHoldsOnlyReadyLinesAndAnswersAndExitStopsWithZero() throws Exception {
        Path out = Files.createTempFile("serve-out", ".txt");
        Path err = Files.createTempFile("serve-err", ".txt");
        Path input = Files.createTempFile("serve-in", ".txt");
        Files.writeString(input, "danian:policy --json nosuch\ndanian:nosuchcommand\ndanian:workloads --json\n"
                + "echo MARK\nexit\n");
        Process serve = DanianProcess.builder(launcher, elsewhere, "serve", "--port", "0")
                .redirectInput(input.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(serve.waitFor(FAST_SECONDS * 2, TimeUnit.SECONDS), "serve did not stop on exit");
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        String both = "stdout " + lines + "\nstderr " + Files.readString(err);
        assertEquals(0, serve.exitValue(), both);
        assertEquals(4, lines.size(), both);
        assertTrue(lines.get(0).matches("synthetic 127\\.0\\.0\\.1 \\d+"), both);
        assertTrue(lines.get(1).matches("netperf 127\\.0\\.0\\.1 \\d+"), both);
        JsonArray workloads = new Gson().fromJson(lines.get(2), JsonArray.class);
        assertEquals(2, workloads.size(), both);
        java.util.Map<String, Integer> listed = new java.util.HashMap<>();
        for (int i = 0; i < 2; i++) {
            JsonObject server = workloads.get(i).getAsJsonObject();
            listed.put(server.get("workload").getAsString(), server.get("port").getAsInt());
            assertEquals(0, server.getAsJsonObject("stats").get("rejected").getAsLong(), both);
        }
        for (String ready : lines.subList(0, 2)) {
            String[] fields = ready.split(" ");
            assertEquals(Integer.valueOf(fields[2]), listed.get(fields[0]), both);
        }
        assertEquals("MARK", lines.get(3), both);
        assertFalse(Files.readString(err).isBlank(), "the failed commands said why, on standard error");
        assertNoServeConfigurationLeft();
    }

    @Test
    void aStopSignalAtAnyMomentAfterTheStartExitsWithZero() throws Exception {
        // Once the launcher says it is starting (its first line on standard error), a signal
        // must end the run cleanly: right then, before the servers listen, and after.
        for (boolean afterReady : new boolean[] {false, true}) {
            Path out = Files.createTempFile("serve-out", ".txt");
            Path err = Files.createTempFile("serve-err", ".txt");
            Process serve = DanianProcess.builder(launcher, elsewhere, "serve", "--port", "0")
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            Path awaited = afterReady ? out : err;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(FAST_SECONDS);
            while (Files.size(awaited) == 0 && serve.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            serve.destroy();
            assertTrue(serve.waitFor(FAST_SECONDS, TimeUnit.SECONDS), "no stop after SIGTERM");
            assertEquals(0, serve.exitValue(), () -> "SIGTERM " + (afterReady ? "after" : "before") + " the ready"
                    + " lines; stderr: " + read(err));
        }
        assertNoServeConfigurationLeft();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void aPortInUseFailsWithThreeBeforeTheStartupTimeout() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            Process serve = DanianProcess.builder(launcher, elsewhere, "serve", "--workload", "netperf", "--port",
                    Integer.toString(taken.getLocalPort()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            assertTrue(serve.waitFor(FAST_SECONDS, TimeUnit.SECONDS), "a busy port waited for the startup timeout");
            assertEquals(3, serve.exitValue());
        }
    }

    @Test
    void aStaleRunCacheIsSweptAndABrokenJarDoesNotFailAOneShot() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path stale = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "danian-run-");
        Files.writeString(stale.resolve("owner.pid"), Long.toString(gone.pid()));
        Files.writeString(stale.resolve("cache-file"), "left by a killed run");
        Path broken = home.resolve("load").resolve("broken.jar");
        Files.writeString(broken, "not a zip file");
        try {
            DanianProcess.Result result = DanianProcess.runOnce(launcher, elsewhere, "policies", "--json");
            assertEquals(0, result.exitCode(), result::toString);
            PolicyListing.parse(result.stdout());
            assertFalse(Files.exists(stale), "the run cache of a dead process is still there");
            assertTrue(result.stderr().contains("broken.jar"), result::toString);
        } finally {
            Files.deleteIfExists(broken);
        }
    }

    @Test
    void aCopyOfAShippedBundleInLoadIsRefusedAndDeletingItKeepsTheShippedOne() throws Exception {
        Path copy = home.resolve("load").resolve("my-caladan.jar");
        try (InteractiveInstance instance = InteractiveInstance.start(launcher, elsewhere)) {
            PolicyListing.parse(instance.command("danian:policies --json"));
            Path staged = Files.createTempFile(elsewhere, "copy", ".jar");
            Files.copy(home.resolve("bundle").resolve("policy-caladan.jar"), staged,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(staged, copy);
            awaitOutput(instance, "my-caladan.jar");
            Files.delete(copy);
            // Two FileInstall polls (1 s each) after the delete: an uninstall would have happened.
            Thread.sleep(3_000);
            PolicyListing listing = PolicyListing.parse(instance.command("danian:policies --json"));
            assertTrue(listing.threadPick("caladan").isPresent(), () -> "caladan is gone: " + instance.output());
        } finally {
            Files.deleteIfExists(copy);
        }
        DanianProcess.Result after = DanianProcess.runOnce(launcher, elsewhere, "policies", "--json");
        assertEquals(0, after.exitCode(), after::toString);
        assertTrue(PolicyListing.parse(after.stdout()).threadPick("caladan").isPresent(), after::toString);
    }

    /** Waits (30 s at most) until the instance has printed {@code text}, on either stream. */
    private static void awaitOutput(InteractiveInstance instance, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!instance.output().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the instance never named " + text + ":\n" + instance.output());
            }
            Thread.sleep(100);
        }
    }

    private static void assertNoServeConfigurationLeft() throws IOException {
        Path workloads = home.resolve("data/config/org/danian/workloads");
        if (Files.isDirectory(workloads)) {
            try (Stream<Path> files = Files.list(workloads)) {
                List<Path> left = files.toList();
                assertTrue(left.isEmpty(), "configurations left behind: " + left);
            }
        }
    }
}
