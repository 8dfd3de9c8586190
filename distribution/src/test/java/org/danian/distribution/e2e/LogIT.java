package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's log as an operator reads it: a bad setting offered to a running instance (a
 * {@code .cfg} dropped into {@code load/}) is refused in one entry that is both in
 * {@code log/danian.log} and in the OSGi Log Service ({@code danian:logs --json}, which reads
 * the LogReaderService as the shell's {@code log} command does).
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LogIT {

    private static final Duration ENTRY_TIMEOUT = Duration.ofSeconds(45);
    private static final String BAD_PROPERTY = "pollIntervalMicros";

    @TempDir
    Path unpackedInto;
    @TempDir
    Path elsewhere;

    @Test
    void aRefusedSettingIsInTheLogFileAndInTheLogService() throws Exception {
        Path home = UnpackedDistribution.into(unpackedInto);
        Path launcher = home.resolve("bin").resolve("danian");
        try (InteractiveInstance instance = InteractiveInstance.start(launcher, elsewhere)) {
            JsonArray before = firstAnswer(instance);
            assertFalse(before.isEmpty(), "the Log Service already holds the framework's start");
            assertTrue(refusal(before) == null, () -> "no refusal before the bad setting: " + before);

            Path cfg = home.resolve("load").resolve("org.danian.kernel.cfg");
            Path aside = elsewhere.resolve("org.danian.kernel.cfg");
            Files.writeString(aside, BAD_PROPERTY + "=0\n");
            Files.move(aside, cfg);

            JsonObject entry = awaitRefusal(instance);
            String message = entry.get("message").getAsString();
            assertTrue(message.contains("org.danian.kernel"), message);
            assertTrue("ERROR".equals(entry.get("level").getAsString()), entry::toString);
            assertTrue("org.danian.framework".equals(entry.get("bundle").getAsString()), entry::toString);

            Path logFile = home.resolve("log").resolve("danian.log");
            assertTrue(Files.readString(logFile).contains(message),
                    () -> "log/danian.log lacks the Log Service's entry " + message);
            assertFalse(Files.exists(home.resolve("log").resolve("danian.log.0")), "no generation on the current file");
        }
    }

    private static JsonObject awaitRefusal(InteractiveInstance instance) throws Exception {
        long deadline = System.nanoTime() + ENTRY_TIMEOUT.toNanos();
        while (true) {
            JsonArray entries = entries(instance);
            JsonObject entry = refusal(entries);
            if (entry != null) {
                return entry;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no Log Service entry names " + BAD_PROPERTY + " after " + ENTRY_TIMEOUT
                        + ": " + entries + "\ninstance output:\n" + instance.output());
            }
            Thread.sleep(500);
        }
    }

    /** The first answer of danian:logs, once the shell has the command (the bundles start after the shell). */
    private static JsonArray firstAnswer(InteractiveInstance instance) throws Exception {
        long deadline = System.nanoTime() + ENTRY_TIMEOUT.toNanos();
        while (true) {
            try {
                return entries(instance);
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(500);
            }
        }
    }

    private static JsonArray entries(InteractiveInstance instance) throws Exception {
        return ShellJson.read(instance.command("danian:logs --json --count 500"), JsonArray.class);
    }

    private static JsonObject refusal(JsonArray entries) {
        for (JsonElement element : entries) {
            JsonObject entry = element.getAsJsonObject();
            JsonElement message = entry.get("message");
            if (message != null && !message.isJsonNull() && message.getAsString().contains(BAD_PROPERTY)
                    && "org.danian.kernel".equals(loggerOf(entry))) {
                return entry;
            }
        }
        return null;
    }

    private static String loggerOf(JsonObject entry) {
        JsonElement logger = entry.get("logger");
        return logger == null || logger.isJsonNull() ? null : logger.getAsString();
    }
}
