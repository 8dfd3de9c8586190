package org.danian.framework.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.danian.kernel.KernelSettings;
import org.junit.jupiter.api.Test;

/** Every engine setting checked against its range, with the property and value in the refusal. */
class KernelSettingsReaderTest {

    private final KernelSettingsReader reader = new KernelSettingsReader(4);

    @Test
    void noPropertiesAreTheDefaults() {
        KernelSettings settings = reader.read(Map.of());
        assertEquals(0, settings.schedulerCore());
        assertEquals(List.of(1, 2, 3), settings.workerCores());
        assertEquals(KernelSettings.DEFAULT_POLL_INTERVAL_NANOS, settings.pollIntervalNanos());
        assertEquals(KernelSettings.IDLE_BLOCK, settings.idleStrategy());
        assertEquals(KernelSettings.PIN_AUTO, settings.pinning());
        assertFalse(settings.pinThreads(), "auto pins nothing until the kernel decides at start");
        assertEquals(0, settings.spinningKThreads());
        assertEquals(KernelSettings.DEFAULT_PICK_BUDGET_NANOS, settings.pickBudgetNanos());
        assertEquals(KernelSettings.DEFAULT_PICK_BUDGET_STRIKES, settings.pickBudgetStrikes());
        assertEquals(KernelSettings.DEFAULT_KTHREAD_SPIN_NANOS, settings.kthreadSpinNanos());
        assertEquals(KernelSettings.KERNEL_UDP_DRIVER, settings.packetDriver());
        assertEquals(KernelSettings.DEFAULT_THREAD_NICE, settings.threadNice());
    }

    @Test
    void threadNiceTakesLinuxsWholeRange() {
        assertEquals(-20, reader.read(Map.of("threadNice", "-20")).threadNice());
        assertEquals(19, reader.read(Map.of("threadNice", 19)).threadNice());
        assertEquals(0, reader.read(Map.of("threadNice", " 0 ")).threadNice());
    }

    @Test
    void stringsFromACfgFileAndTypedValuesReadAlike() {
        KernelSettings fromText = reader.read(Map.of("schedulerCore", "1", "workerCores", " 3, 2 ",
                "pollIntervalMicros", "20", "idleStrategy", "SPIN", "pinThreads", "false", "kthreadSpinNanos", "0",
                "packetDriver", "dpdk"));
        KernelSettings typed = reader.read(Map.of("schedulerCore", 1, "workerCores", new int[] {2, 3},
                "pollIntervalMicros", 20L, "idleStrategy", "spin", "pinThreads", Boolean.FALSE, "kthreadSpinNanos", 0L,
                "packetDriver", "dpdk"));
        assertEquals(fromText, typed);
        assertEquals(List.of(2, 3), typed.workerCores());
        assertEquals(20_000, typed.pollIntervalNanos());
        assertFalse(typed.pinThreads());
    }

    @Test
    void eachBadValueIsRefusedNamingPropertyValueAndRange() {
        assertRefused("pollIntervalMicros", "0", "1..1000000");
        assertRefused("pollIntervalMicros", "1000001", "1..1000000");
        assertRefused("workerCores", "9", "0..3");
        assertRefused("workerCores", "banana", "0..3");
        assertRefused("workerCores", "1,1", "distinct");
        assertRefused("workerCores", "0", "other than the scheduler core 0");
        assertRefused("schedulerCore", "4", "0..3");
        assertRefused("schedulerCore", "-1", "0..3");
        assertRefused("pinThreads", "banana", "true, false");
        assertRefused("idleStrategy", "sleepy", "block, spin, backoff");
        assertRefused("spinningKThreads", "-1", "0..1024");
        assertRefused("pickBudgetMicros", "0", "1..1000000");
        assertRefused("pickBudgetStrikes", "banana", "1..1000000");
        assertRefused("kthreadSpinNanos", "-5", "0..1000000000");
        assertRefused("packetDriver", " ", "service name");
        assertRefused("threadNice", "-21", "-20..19");
        assertRefused("threadNice", "20", "-20..19");
        assertRefused("threadNice", "high", "-20..19");
    }

    @Test
    void readOrDefaultReplacesEachRefusedPropertyByItsDefaultAndKeepsTheGoodOnes() {
        List<SettingRefused> refused = new ArrayList<>();
        KernelSettings settings = reader.readOrDefault(Map.of("pollIntervalMicros", "0", "workerCores", "9",
                "idleStrategy", "spin", "pinThreads", "banana"), refused);
        assertEquals(reader.read(Map.of("idleStrategy", "spin")), settings);
        assertEquals(List.of("pinThreads", "pollIntervalMicros", "workerCores"),
                refused.stream().map(SettingRefused::property).sorted().toList());
    }

    @Test
    void everySettingHasASpecWhoseEffectiveValueReadsBackToTheSameSettings() {
        Map<String, String> chosen = new java.util.HashMap<>(Map.of("schedulerCore", "2", "workerCores", "0,3",
                "pollIntervalMicros", "15", "idleStrategy", "spin", "pinThreads", "false", "kthreadSpinNanos", "500",
                "packetDriver", "dpdk", "spinningKThreads", "2", "pickBudgetMicros", "40", "pickBudgetStrikes", "3"));
        chosen.put("threadNice", "5");
        KernelSettings settings = reader.read(chosen);
        Map<String, String> written = new java.util.HashMap<>();
        for (SettingSpec spec : SettingSpec.ALL) {
            written.put(spec.key(), spec.effective().apply(settings));
        }
        // pinThreads and pinning are one property: the mode (auto, true, false), and the decision.
        assertEquals(KernelSettings.class.getRecordComponents().length - 1, SettingSpec.ALL.size(),
                "a KernelSettings component has no SettingSpec (or the reverse)");
        assertEquals(settings, reader.read(written));
    }

    private void assertRefused(String property, String value, String allowedPart) {
        SettingRefused refused = assertThrows(SettingRefused.class, () -> reader.read(Map.of(property, value)));
        assertEquals(property, refused.property());
        assertEquals(value, refused.value());
        assertTrue(refused.getMessage().contains(property + "='" + value + "'"), refused.getMessage());
        assertTrue(refused.allowed().contains(allowedPart), refused.allowed());
    }
}
