package org.danian.framework.shell;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.danian.framework.settings.KernelSettingsReader;
import org.danian.framework.settings.SettingRefused;
import org.danian.framework.settings.SettingSpec;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyKind;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code danian:config [key [value]]}: the kernel's engine settings, shown and changed.
 *
 * <ul>
 *   <li>{@code config} lists every setting: the value in effect, the value configured (absent:
 *       the default), what it accepts, and whether a configured value waits for the next start;
 *   <li>{@code config <key>} shows one;
 *   <li>{@code config <key> <value>} checks the value with the kernel's own reader
 *       ({@link KernelSettingsReader}, the ranges the kernel applies when it starts) and, if
 *       accepted, saves it in the kernel's configuration. Every engine setting applies at the
 *       next start; the answer says so. A refused value is not saved: the command fails with
 *       the property, the value and the allowed range.
 * </ul>
 * The policies ({@code threadPick}, {@code coreAllocation}) are listed too, but changed with
 * {@code danian:policy} and {@code danian:allocator}, which swap at once and save the choice.
 */
@Component(service = ConfigCommands.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=config"
})
public final class ConfigCommands {

    private static final String JSON_HELP = "answer as one line of JSON instead of text";

    private final KernelAdmin kernel;
    private final SettingsStore store;

    /**
     * One setting as {@code danian:config} shows it.
     *
     * @param key the property of the kernel's configuration
     * @param effective the value in effect
     * @param configured the value configured, or null when the default applies
     * @param allowed what the property accepts
     * @param appliesAtStart whether a change applies only at the next start of the framework
     * @param pendingRestart whether the configured value differs from the one in effect, waiting
     *     for that start
     */
    record SettingView(String key, String effective, String configured, String allowed, boolean appliesAtStart,
                       boolean pendingRestart) {
    }

    /**
     * The answer of {@code config <key> <value>}: what was saved and when it applies.
     *
     * @param key the property
     * @param previous the value configured before, or null when the default applied
     * @param value the value saved
     * @param effective the value in effect now
     * @param restartNeeded whether the framework must be restarted for it to apply
     */
    record SettingChange(String key, String previous, String value, String effective, boolean restartNeeded) {
    }

    /** The DS constructor: the kernel and ConfigAdmin (both mandatory; without ConfigAdmin there is nothing to show). */
    @Activate
    public ConfigCommands(@Reference(name = "kernel") KernelAdmin kernel,
                          @Reference(name = "configurationAdmin") ConfigurationAdmin configurationAdmin) {
        this(kernel, new ConfigAdminSettingsStore(configurationAdmin));
    }

    ConfigCommands(KernelAdmin kernel, SettingsStore store) {
        this.kernel = kernel;
        this.store = store;
    }

    @Descriptor("show every kernel setting: in effect, configured, allowed, and whether a restart is pending")
    public String config(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json) throws IOException {
        List<SettingView> views = views();
        if (json) {
            return JsonAnswer.of(views);
        }
        ShellTable table = new ShellTable("KEY", "EFFECTIVE", "CONFIGURED", "APPLIES", "ALLOWED");
        for (SettingView view : views) {
            table.row(view.key(), view.effective(), view.configured() == null ? "(default)" : view.configured(),
                    view.appliesAtStart() ? (view.pendingRestart() ? "at start (pending)" : "at start") : "at once",
                    view.allowed());
        }
        return table.toString();
    }

    @Descriptor("show one kernel setting")
    public String config(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json, @Descriptor("the setting's key (see danian:config)") String key)
            throws IOException {
        SettingView view = views().stream().filter(v -> v.key().equals(key)).findFirst()
                .orElseThrow(() -> unknownKey(key));
        if (json) {
            return JsonAnswer.of(view);
        }
        return view.key() + " = " + view.effective() + (view.pendingRestart() ? " (configured " + view.configured()
                + ", applies at the next start)" : "") + "; allowed: " + view.allowed() + "\n";
    }

    @Descriptor("check a kernel setting against its allowed range and save it in the kernel's configuration")
    public String config(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json, @Descriptor("the setting's key (see danian:config)") String key,
            @Descriptor("the new value") String value) throws IOException {
        SettingSpec spec = SettingSpec.named(key);
        if (spec == null) {
            if (isPolicyKey(key)) {
                throw new IllegalArgumentException(key + " is a policy choice: change it with danian:"
                        + (key.equals(PolicyKind.THREAD_PICK.configurationProperty()) ? "policy" : "allocator")
                        + " <name>, which swaps at once and saves it");
            }
            throw unknownKey(key);
        }
        Map<String, Object> configured = store.configured();
        check(configured, key, value);
        store.save(key, value.trim());
        String effective = spec.effective().apply(kernel.status().settings());
        Object previous = configured.get(key);
        SettingChange change = new SettingChange(key, previous == null ? null : previous.toString(), value.trim(),
                effective, true);
        if (json) {
            return JsonAnswer.of(change);
        }
        return key + " = " + change.value() + " saved in configuration " + KernelAdmin.CONFIGURATION_PID
                + "; in effect: " + effective + "; applies at the next start of the framework\n";
    }

    /**
     * Reads the configuration as the kernel would with {@code key=value}; a property refused
     * already before this change is left out (it is the kernel's warning, not this command's
     * business), so fixing one bad setting is never blocked by another.
     *
     * @throws SettingRefused naming the property, the value and the allowed range
     */
    private void check(Map<String, Object> configured, String key, String value) {
        KernelSettingsReader reader = new KernelSettingsReader(kernel.status().coreCount());
        List<SettingRefused> before = new ArrayList<>();
        reader.readOrDefault(configured, before);
        Map<String, Object> candidate = new HashMap<>(configured);
        before.forEach(refused -> candidate.remove(refused.property()));
        candidate.put(key, value);
        reader.read(candidate);
    }

    private List<SettingView> views() throws IOException {
        KernelStatus status = kernel.status();
        KernelSettings effective = status.settings();
        Map<String, Object> configured = store.configured();
        List<SettingView> views = new ArrayList<>();
        for (PolicyKind kind : PolicyKind.values()) {
            String key = kind.configurationProperty();
            String active = status.slot(kind).active();
            views.add(new SettingView(key, active == null ? "none" : active, text(configured.get(key)),
                    "the name of an installed " + kind.label() + " policy (danian:policies)", false, false));
        }
        for (SettingSpec spec : SettingSpec.ALL) {
            String now = spec.effective().apply(effective);
            String wanted = text(configured.get(spec.key()));
            views.add(new SettingView(spec.key(), now, wanted, spec.allowed(), true,
                    wanted != null && !Objects.equals(normalized(spec, wanted, status.coreCount()), now)));
        }
        return views;
    }

    /** The configured value as the kernel would read it, or the text itself if it is refused. */
    private static String normalized(SettingSpec spec, String wanted, int coreCount) {
        try {
            return spec.effective().apply(new KernelSettingsReader(coreCount).read(Map.of(spec.key(), wanted)));
        } catch (SettingRefused e) {
            return wanted;
        }
    }

    /** A configured value as text; an array (a typed {@code .config} file's list) comma-separated. */
    private static String text(Object value) {
        if (value != null && value.getClass().isArray()) {
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < java.lang.reflect.Array.getLength(value); i++) {
                joined.append(i == 0 ? "" : ",").append(java.lang.reflect.Array.get(value, i));
            }
            return joined.toString();
        }
        return value == null ? null : value.toString();
    }

    private static boolean isPolicyKey(String key) {
        for (PolicyKind kind : PolicyKind.values()) {
            if (kind.configurationProperty().equals(key)) {
                return true;
            }
        }
        return false;
    }

    private static IllegalArgumentException unknownKey(String key) {
        List<String> keys = new ArrayList<>();
        for (PolicyKind kind : PolicyKind.values()) {
            keys.add(kind.configurationProperty());
        }
        SettingSpec.ALL.forEach(spec -> keys.add(spec.key()));
        return new IllegalArgumentException("unknown kernel setting '" + key + "'; the settings are "
                + String.join(", ", keys));
    }
}
