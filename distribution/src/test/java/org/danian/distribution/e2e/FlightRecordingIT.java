package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flight recording started in a serving distribution with {@code jcmd <pid> JFR.start}, as
 * the framework's {@code flight} package tells operators, records the kernel's core grants and
 * leaves the service serving. JFR instruments the event classes when the recording starts, and
 * the instrumented code refers to JDK-internal classes that a bundle's class loader finds only
 * through the framework's boot delegation: without it, the first grant's event threw
 * {@code NoClassDefFoundError} inside the core allocator's call, which ejected the
 * {@code simple} allocator and left live procs with no cores.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class FlightRecordingIT {

    private static final int DATAGRAMS = 20;

    @TempDir
    Path unpackedInto;
    @TempDir
    Path elsewhere;

    @Test
    void aRecordingStartedWithJcmdRecordsGrantsAndTheAllocatorStays() throws Exception {
        Path home = UnpackedDistribution.into(unpackedInto);
        Path recording = elsewhere.resolve("grants.jfr");
        try (ServeProcess serve = ServeProcess.start(home.resolve("bin").resolve("danian"), elsewhere,
                Files.createTempDirectory(elsewhere, "data"), 1, "--workload", "synthetic", "--port", "0")) {
            long pid = serve.javaPid();
            jdkTool("jcmd", Long.toString(pid), "JFR.start", "name=grants", "filename=" + recording);
            // 5 ms apart, five times the default receive linger: each one needs a grant.
            ServeProcess.sendShortDatagrams(serve.ports.get("synthetic"), DATAGRAMS, 5);
            serve.awaitSteered(DATAGRAMS);
            jdkTool("jcmd", Long.toString(pid), "JFR.stop", "name=grants");
            JsonObject allocator = ShellJson.read(serve.command("danian:allocator --json"), JsonObject.class);
            assertEquals("\"simple\"", allocator.get("active").toString(),
                    "the core allocator was ejected while recording: " + allocator + "\n" + serve.output());
            JsonArray grants = JsonParser.parseString(jdkTool("jfr", "print", "--json", "--events",
                    "org.danian.CoreGrant", recording.toString())).getAsJsonObject()
                    .getAsJsonObject("recording").getAsJsonArray("events");
            assertTrue(grants.size() >= 1, "no core grant was recorded for " + DATAGRAMS + " datagrams");
            assertEquals(0, serve.terminate());
        }
    }

    /** Runs a tool of the JDK that runs the tests; its standard output, failing on a non-zero exit. */
    private static String jdkTool(String tool, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(command + " failed:\n" + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
