package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import org.danian.framework.engine.Kernel;
import org.danian.framework.settings.SettingRefused;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** danian:config on a live kernel and a configuration held in a map. */
class ConfigCommandsTest {

    private static final Gson GSON = new Gson();

    private final Kernel kernel = InMemorySettingsStore.startedKernel();
    private final InMemorySettingsStore store = new InMemorySettingsStore();
    private final Map<String, Object> configured = store.values;
    private final ConfigCommands commands = new ConfigCommands(kernel, store);

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void listsThePoliciesAndEverySettingWithTheValueInEffect() throws Exception {
        List<ConfigCommands.SettingView> views = Arrays.asList(GSON.fromJson(commands.config(true),
                ConfigCommands.SettingView[].class));
        assertEquals(List.of("threadPick", "coreAllocation", "schedulerCore", "workerCores", "pollIntervalMicros",
                "idleStrategy", "pinThreads", "kthreadSpinNanos", "packetDriver", "spinningKThreads", "pickBudgetMicros",
                "pickBudgetStrikes", "threadNice"),
                views.stream().map(ConfigCommands.SettingView::key).toList());
        ConfigCommands.SettingView poll = views.get(4);
        assertEquals(Long.toString(kernel.settings().pollIntervalNanos() / 1_000), poll.effective());
        assertNull(poll.configured());
        assertTrue(poll.appliesAtStart());
        assertFalse(poll.pendingRestart());
        assertEquals("danian-exact", views.get(0).effective());
    }

    @Test
    void anAcceptedValueIsSavedAndWaitsForTheNextStart() throws Exception {
        ConfigCommands.SettingChange change = GSON.fromJson(commands.config(true, "pollIntervalMicros", "25"),
                ConfigCommands.SettingChange.class);
        assertEquals("25", configured.get("pollIntervalMicros"));
        assertTrue(change.restartNeeded());
        assertEquals("25", change.value());
        ConfigCommands.SettingView view = GSON.fromJson(commands.config(true, "pollIntervalMicros"),
                ConfigCommands.SettingView.class);
        assertTrue(view.pendingRestart());
        assertEquals("25", view.configured());
    }

    @Test
    void aRefusedValueIsNotSavedAndTheErrorNamesPropertyValueAndRange() {
        SettingRefused refused = assertThrows(SettingRefused.class,
                () -> commands.config(false, "pollIntervalMicros", "0"));
        assertEquals("pollIntervalMicros", refused.property());
        assertTrue(refused.getMessage().contains("1..1000000"), refused.getMessage());
        assertThrows(SettingRefused.class, () -> commands.config(false, "pinThreads", "banana"));
        assertThrows(SettingRefused.class, () -> commands.config(false, "workerCores", "banana"));
        assertTrue(configured.isEmpty(), "nothing was saved: " + configured);
    }

    @Test
    void anEarlierBadValueDoesNotBlockFixingAnother() throws Exception {
        configured.put("pinThreads", "banana");
        configured.put("pollIntervalMicros", "0");
        commands.config(false, "pollIntervalMicros", "10");
        assertEquals("10", configured.get("pollIntervalMicros"));
    }

    @Test
    void unknownKeysAndPolicyKeysAreRefusedWithTheWayToGo() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> commands.config(false, "pollInterval", "10"));
        assertTrue(unknown.getMessage().contains("pollIntervalMicros"), unknown.getMessage());
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
                () -> commands.config(false, "threadPick", "lottery"));
        assertTrue(policy.getMessage().contains("danian:policy"), policy.getMessage());
    }
}
