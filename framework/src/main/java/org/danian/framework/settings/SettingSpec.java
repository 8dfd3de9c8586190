package org.danian.framework.settings;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.danian.kernel.KernelSettings;

/**
 * One engine setting as an operator sees it: its property, what it accepts, and how the
 * setting in effect reads back as that property. Every engine setting is read when the kernel
 * starts (the scheduler thread and the kthreads are pinned and sized once), so a change applies
 * at the next start of the framework.
 *
 * @param key the property of PID {@code org.danian.kernel}
 * @param allowed what it accepts, in words (the ranges of {@link KernelSettingsReader})
 * @param effective the setting in effect, written as the property's value
 */
public record SettingSpec(String key, String allowed, Function<KernelSettings, String> effective) {

    /** Every engine setting, in the order {@code danian:config} lists them. */
    public static final List<SettingSpec> ALL = List.of(
            new SettingSpec(KernelSettingsReader.SCHEDULER_CORE, "a core of this machine, 0..cores-1",
                    s -> Integer.toString(s.schedulerCore())),
            new SettingSpec(KernelSettingsReader.WORKER_CORES,
                    "empty (every core but the scheduler's) or distinct cores other than the scheduler's, comma-separated",
                    s -> s.workerCores().stream().map(String::valueOf).collect(Collectors.joining(","))),
            new SettingSpec(KernelSettingsReader.POLL_INTERVAL_MICROS, "an integer in "
                    + KernelSettingsReader.MIN_POLL_MICROS + ".." + KernelSettingsReader.MAX_POLL_MICROS,
                    s -> Long.toString(s.pollIntervalNanos() / 1_000)),
            new SettingSpec(KernelSettingsReader.IDLE_STRATEGY, "one of " + KernelSettings.IDLE_BLOCK + ", "
                    + KernelSettings.IDLE_SPIN + ", " + KernelSettings.IDLE_BACKOFF, KernelSettings::idleStrategy),
            new SettingSpec(KernelSettingsReader.PIN_THREADS, "one of auto, true, false", KernelSettings::pinning),
            new SettingSpec(KernelSettingsReader.KTHREAD_SPIN_NANOS, "an integer in 0.."
                    + KernelSettingsReader.MAX_KTHREAD_SPIN_NANOS, s -> Long.toString(s.kthreadSpinNanos())),
            new SettingSpec(KernelSettingsReader.PACKET_DRIVER, "a service name of letters, digits, '.', '_' and '-'",
                    KernelSettings::packetDriver),
            new SettingSpec(KernelSettingsReader.SPINNING_KTHREADS, "an integer in 0.."
                    + KernelSettingsReader.MAX_SPINNING_KTHREADS, s -> Integer.toString(s.spinningKThreads())),
            new SettingSpec(KernelSettingsReader.PICK_BUDGET_MICROS, "an integer in 1.."
                    + KernelSettingsReader.MAX_PICK_BUDGET_MICROS, s -> Long.toString(s.pickBudgetNanos() / 1_000)),
            new SettingSpec(KernelSettingsReader.PICK_BUDGET_STRIKES, "an integer in 1.."
                    + KernelSettingsReader.MAX_PICK_BUDGET_STRIKES, s -> Integer.toString(s.pickBudgetStrikes())),
            new SettingSpec(KernelSettingsReader.THREAD_NICE, "an integer in " + KernelSettingsReader.MIN_THREAD_NICE
                    + ".." + KernelSettingsReader.MAX_THREAD_NICE, s -> Integer.toString(s.threadNice())));

    /** The setting of that property, or null. */
    public static SettingSpec named(String key) {
        return ALL.stream().filter(spec -> spec.key().equals(key)).findFirst().orElse(null);
    }
}
