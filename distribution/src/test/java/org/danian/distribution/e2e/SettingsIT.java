package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernel settings as an operator meets them in the packaged distribution: bad values persisted
 * in the configuration are refused naming the property, and the kernel starts on defaults for
 * them;
 * {@code danian:config} refuses a bad value and saves a good one.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SettingsIT {

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
    void aBadPersistedConfigurationNeverPreventsAStart() throws Exception {
        // What a .cfg dropped beside a running instance used to leave behind: bad values
        // persisted by ConfigAdmin (Felix's file format), read at every later start.
        Path persisted = home.resolve("data/config/org/danian/kernel.config");
        Files.createDirectories(persisted.getParent());
        Files.writeString(persisted, "service.pid=\"org.danian.kernel\"\npollIntervalMicros=\"0\"\n"
                + "workerCores=\"9\"\npinThreads=\"banana\"\nidleStrategy=\"spin\"\nthreadNice=\"-40\"\n");

        KernelStatus status = status();

        assertEquals(KernelSettings.DEFAULT_POLL_INTERVAL_NANOS, status.settings().pollIntervalNanos());
        assertEquals(KernelSettings.PIN_AUTO, status.settings().pinning(), "pinThreads=banana is refused: the default, auto, applies");
        assertEquals(status.coreCount() - (status.coreCount() > 1 ? 1 : 0), status.settings().workerCores().size());
        assertEquals(KernelSettings.IDLE_SPIN, status.settings().idleStrategy(), "the good value applies");
        assertEquals(KernelSettings.DEFAULT_THREAD_NICE, status.settings().threadNice(), "threadNice=-40 is refused");
        assertTrue(status.pinning().reason().contains("reserved"), "auto decided on the machine's cpu reservation: "
                + status.pinning());
        assertEquals(KernelSettings.DEFAULT_THREAD_NICE, status.priority().requested());
        assertTrue(status.priority().applied() || status.priority().reason().contains("refused"),
                status.priority()::toString);
        for (String property : List.of("pollIntervalMicros", "workerCores", "pinThreads", "threadNice")) {
            assertTrue(status.warnings().stream().anyMatch(w -> w.contains(property)),
                    () -> "no warning names " + property + ": " + status.warnings());
        }
        Files.delete(persisted);
    }

    @Test
    void configRefusesABadValueAndSavesAGoodOne() throws Exception {
        DanianProcess.Result refused = DanianProcess.runOnce(launcher, elsewhere, "config", "--json",
                "kthreadSpinNanos", "-1");
        assertEquals(1, refused.exitCode(), refused::toString);
        assertTrue(refused.stderr().contains("kthreadSpinNanos"), refused::toString);

        DanianProcess.Result saved = DanianProcess.runOnce(launcher, elsewhere, "config", "--json",
                "kthreadSpinNanos", "3000");
        assertEquals(0, saved.exitCode(), saved::toString);
        JsonObject change = ShellJson.read(saved.stdout(), JsonObject.class);
        assertTrue(change.get("restartNeeded").getAsBoolean(), saved::toString);

        DanianProcess.Result shown = DanianProcess.runOnce(launcher, elsewhere, "config", "--json",
                "kthreadSpinNanos");
        assertEquals(0, shown.exitCode(), shown::toString);
        JsonObject view = ShellJson.read(shown.stdout(), JsonObject.class);
        assertEquals("3000", view.get("effective").getAsString(), "the next start runs the saved value");
        DanianProcess.Result all = DanianProcess.runOnce(launcher, elsewhere, "config", "--json");
        assertEquals(0, all.exitCode(), all::toString);
        JsonArray views = new Gson().fromJson(all.stdout().lines().filter(l -> l.startsWith("[")).findFirst()
                .orElseThrow(), JsonArray.class);
        assertTrue(views.size() >= 9, all::toString);
        DanianProcess.runOnce(launcher, elsewhere, "config", "kthreadSpinNanos", "2000");
    }

    @Test
    void aCfgFileInLoadMergesWithTheSavedConfigurationAndIsNeverWritten() throws Exception {
        DanianProcess.Result chosen = DanianProcess.runOnce(launcher, elsewhere, "policy", "--json", "lottery");
        assertEquals(0, chosen.exitCode(), chosen::toString);
        Path cfg = home.resolve("load").resolve("org.danian.kernel.cfg");
        String written = "# the operator's file\nkthreadSpinNanos=2500\n";
        Files.writeString(cfg, written);
        try {
            DanianProcess.Result first = DanianProcess.runOnce(launcher, elsewhere, "config", "--json");
            assertEquals(0, first.exitCode(), first::toString);

            KernelStatus merged = status();
            assertEquals(2500, merged.settings().kthreadSpinNanos(), "the file's setting applies");
            assertEquals("lottery", merged.threadPick().configured(), "the saved choice is kept");
            DanianProcess.Result swap = DanianProcess.runOnce(launcher, elsewhere, "policy", "--json",
                    "danian-exact");
            assertEquals(0, swap.exitCode(), swap::toString);
            assertEquals(written, Files.readString(cfg), "nothing is written into the operator's file");
        } finally {
            Files.delete(cfg);
        }
        DanianProcess.runOnce(launcher, elsewhere, "config", "kthreadSpinNanos", "2000");
    }

    /**
     * Deleting a {@code .cfg} undoes it, whether the file goes while no instance runs (the next
     * start notices) or while one runs (FileInstall reports it): a key it changed gets its
     * earlier saved value back, a key it introduced goes back to the default.
     */
    @Test
    void deletingACfgFileInLoadRevertsTheKeysItSet() throws Exception {
        assertEquals(0, DanianProcess.runOnce(launcher, elsewhere, "config", "kthreadSpinNanos", "3000").exitCode());
        Path cfg = home.resolve("load").resolve("org.danian.kernel.cfg");
        Path aside = elsewhere.resolve("org.danian.kernel.cfg");
        try {
            Files.writeString(aside, "kthreadSpinNanos=2500\npickBudgetMicros=400\n");
            Files.move(aside, cfg);
            awaitConfigured("kthreadSpinNanos", "2500");
            awaitConfigured("pickBudgetMicros", "400");

            Files.delete(cfg);
            awaitConfigured("kthreadSpinNanos", "3000");
            awaitConfigured("pickBudgetMicros", null);

            try (InteractiveInstance instance = InteractiveInstance.start(launcher, elsewhere)) {
                awaitConfigured(instance, "kthreadSpinNanos", "3000");
                Files.writeString(aside, "kthreadSpinNanos=2600\n");
                Files.move(aside, cfg);
                awaitConfigured(instance, "kthreadSpinNanos", "2600");
                Files.delete(cfg);
                awaitConfigured(instance, "kthreadSpinNanos", "3000");
            }
        } finally {
            Files.deleteIfExists(cfg);
        }
        DanianProcess.runOnce(launcher, elsewhere, "config", "kthreadSpinNanos", "2000");
    }

    /** One-shot runs until the key is configured as expected (null: the default); a .cfg is merged asynchronously. */
    private static void awaitConfigured(String key, String expected) throws Exception {
        String seen = null;
        for (int run = 0; run < 5; run++) {
            DanianProcess.Result shown = DanianProcess.runOnce(launcher, elsewhere, "config", "--json", key);
            assertEquals(0, shown.exitCode(), shown::toString);
            seen = configured(ShellJson.read(shown.stdout(), JsonObject.class));
            if (java.util.Objects.equals(expected, seen)) {
                return;
            }
        }
        throw new AssertionError(key + " is configured " + seen + ", not " + expected + ", after 5 runs");
    }

    private static void awaitConfigured(InteractiveInstance instance, String key, String expected) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String answer = "";
        while (System.nanoTime() < deadline) {
            answer = instance.command("danian:config --json " + key);
            try {
                if (java.util.Objects.equals(expected, configured(ShellJson.read(answer, JsonObject.class)))) {
                    return;
                }
            } catch (AssertionError notYet) {
                // the shell has no danian:config yet: the bundles are still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError(key + " never configured " + expected + "; last answer:\n" + answer);
    }

    private static String configured(JsonObject view) {
        return view.get("configured") == null || view.get("configured").isJsonNull() ? null
                : view.get("configured").getAsString();
    }

    private static KernelStatus status() throws Exception {
        DanianProcess.Result result = DanianProcess.runOnce(launcher, elsewhere, "status", "--json");
        assertEquals(0, result.exitCode(), result::toString);
        return ShellJson.read(result.stdout(), KernelStatus.class);
    }

}
