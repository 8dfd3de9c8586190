package org.danian.framework.settings;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.danian.kernel.KernelSettings;

/**
 * Reads the engine's {@link KernelSettings} from the properties of the kernel's configuration
 * (PID {@code org.danian.kernel}), checking every property against its allowed range before
 * the record's own checks run. A property that is absent takes its default.
 *
 * <p>Values come as ConfigAdmin delivers them: typed ({@code Integer}, {@code Long},
 * {@code Boolean}, arrays) from a {@code .config} file or the API, or as strings from a
 * {@code .cfg} file. Either way the text must say exactly one thing: {@code pinThreads=banana}
 * is refused, never read as {@code false}; {@code workerCores=banana} is refused naming
 * {@code workerCores}.
 *
 * <p>To add a setting: a constant, a line in {@link #read}, a {@link SettingSpec} in
 * {@link SettingSpec#ALL}, and its Metatype attribute with the same range.
 */
public final class KernelSettingsReader {

    public static final String SCHEDULER_CORE = "schedulerCore";
    public static final String WORKER_CORES = "workerCores";
    public static final String POLL_INTERVAL_MICROS = "pollIntervalMicros";
    public static final String IDLE_STRATEGY = "idleStrategy";
    public static final String PIN_THREADS = "pinThreads";
    public static final String KTHREAD_SPIN_NANOS = "kthreadSpinNanos";
    public static final String PACKET_DRIVER = "packetDriver";
    public static final String SPINNING_KTHREADS = "spinningKThreads";
    public static final String PICK_BUDGET_MICROS = "pickBudgetMicros";
    public static final String PICK_BUDGET_STRIKES = "pickBudgetStrikes";
    public static final String THREAD_NICE = "threadNice";

    /** Smallest poll interval: 1 µs. */
    public static final long MIN_POLL_MICROS = 1;
    /** Largest poll interval: 1 s; a slower slow pass would no longer notice congestion. */
    public static final long MAX_POLL_MICROS = 1_000_000;
    /** Longest kthread spin before parking: 1 s (beyond it a kthread never gives its core back). */
    public static final long MAX_KTHREAD_SPIN_NANOS = 1_000_000_000;

    /** Most spinning kthreads per proc: 1024, the most kthreads a proc is given on the largest machines. */
    public static final long MAX_SPINNING_KTHREADS = 1_024;
    /** Largest pick budget: 1 s; a pick that slow stalls every grant behind it. */
    public static final long MAX_PICK_BUDGET_MICROS = 1_000_000;
    /** Lowest nice value, Linux's (most CPU). */
    public static final long MIN_THREAD_NICE = KernelSettings.MIN_THREAD_NICE;
    /** Highest nice value, Linux's (least CPU). */
    public static final long MAX_THREAD_NICE = KernelSettings.MAX_THREAD_NICE;
    /** Most consecutive slow picks before an ejection. */
    public static final long MAX_PICK_BUDGET_STRIKES = 1_000_000;

    private final int coreCount;

    /** A reader for a machine of {@code coreCount} cores (the range of core numbers). */
    public KernelSettingsReader(int coreCount) {
        if (coreCount < 1) {
            throw new IllegalArgumentException("coreCount must be positive: " + coreCount);
        }
        this.coreCount = coreCount;
    }

    /**
     * The settings the properties describe.
     *
     * @throws SettingRefused for the first property outside its range, naming it
     */
    public KernelSettings read(Map<String, ?> properties) {
        int schedulerCore = (int) integer(properties, SCHEDULER_CORE, 0, 0, coreCount - 1);
        List<Integer> workers = workerCores(properties.get(WORKER_CORES), schedulerCore);
        long pollMicros = integer(properties, POLL_INTERVAL_MICROS, KernelSettings.DEFAULT_POLL_INTERVAL_NANOS / 1_000,
                MIN_POLL_MICROS, MAX_POLL_MICROS);
        String idle = oneOf(properties, IDLE_STRATEGY, KernelSettings.IDLE_BLOCK, KernelSettings.IDLE_BLOCK,
                KernelSettings.IDLE_SPIN, KernelSettings.IDLE_BACKOFF);
        String pinning = oneOf(properties, PIN_THREADS, KernelSettings.PIN_AUTO, KernelSettings.PIN_AUTO,
                KernelSettings.PIN_ALWAYS, KernelSettings.PIN_NEVER);
        long spin = integer(properties, KTHREAD_SPIN_NANOS, KernelSettings.DEFAULT_KTHREAD_SPIN_NANOS, 0,
                MAX_KTHREAD_SPIN_NANOS);
        String driver = name(properties, PACKET_DRIVER, KernelSettings.KERNEL_UDP_DRIVER);
        int spinning = (int) integer(properties, SPINNING_KTHREADS, 0, 0, MAX_SPINNING_KTHREADS);
        long budgetMicros = integer(properties, PICK_BUDGET_MICROS, KernelSettings.DEFAULT_PICK_BUDGET_NANOS / 1_000, 1,
                MAX_PICK_BUDGET_MICROS);
        int strikes = (int) integer(properties, PICK_BUDGET_STRIKES, KernelSettings.DEFAULT_PICK_BUDGET_STRIKES, 1,
                MAX_PICK_BUDGET_STRIKES);
        int nice = (int) integer(properties, THREAD_NICE, KernelSettings.DEFAULT_THREAD_NICE, MIN_THREAD_NICE,
                MAX_THREAD_NICE);
        return new KernelSettings(schedulerCore, workers, pollMicros * 1_000, idle, spin,
                pinning.equals(KernelSettings.PIN_ALWAYS), driver, pinning, spinning, budgetMicros * 1_000, strikes,
                nice);
    }

    /**
     * The settings the properties describe, each refused property replaced by its default.
     * Used when the kernel starts: a bad persisted configuration must never keep it from
     * starting.
     *
     * @param refused receives one entry per property that was refused
     */
    public KernelSettings readOrDefault(Map<String, ?> properties, List<SettingRefused> refused) {
        Map<String, Object> left = new HashMap<>(properties);
        // Each round removes the property that was refused; the defaults themselves are valid,
        // so this ends within one round per setting.
        for (int round = 0; round <= SettingSpec.ALL.size(); round++) {
            try {
                return read(left);
            } catch (SettingRefused e) {
                refused.add(e);
                left.remove(e.property());
            }
        }
        return read(Map.of());
    }

    /** What {@code workerCores} accepts on this machine, in words. */
    public String workerCoresAllowed(int schedulerCore) {
        return "empty (every core but the scheduler's) or distinct cores in 0.." + (coreCount - 1)
                + (coreCount > 1 ? " other than the scheduler core " + schedulerCore : "") + ", comma-separated";
    }

    /** The number of cores this reader checks core numbers against. */
    public int coreCount() {
        return coreCount;
    }

    private List<Integer> workerCores(Object value, int schedulerCore) {
        List<String> items = items(value);
        List<Integer> cores = new ArrayList<>();
        if (items.isEmpty()) {
            for (int core = 0; core < coreCount; core++) {
                if (core != schedulerCore || coreCount == 1) {
                    cores.add(core);
                }
            }
            return cores;
        }
        for (String item : items) {
            Long core = parseLong(item);
            boolean schedulers = core != null && core == schedulerCore && coreCount > 1;
            if (core == null || core < 0 || core >= coreCount || schedulers || cores.contains(core.intValue())) {
                throw new SettingRefused(WORKER_CORES, String.join(",", items), workerCoresAllowed(schedulerCore));
            }
            cores.add(core.intValue());
        }
        return cores;
    }

    /** A comma-separated string, an array or a collection, as trimmed non-empty items. */
    private static List<String> items(Object value) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        if (value.getClass().isArray()) {
            for (int i = 0; i < Array.getLength(value); i++) {
                items.addAll(items(Array.get(value, i)));
            }
        } else if (value instanceof Collection<?> collection) {
            collection.forEach(item -> items.addAll(items(item)));
        } else {
            for (String part : value.toString().split(",")) {
                if (!part.isBlank()) {
                    items.add(part.trim());
                }
            }
        }
        return items;
    }

    private static long integer(Map<String, ?> properties, String key, long fallback, long min, long max) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        Long number = value instanceof Integer || value instanceof Long || value instanceof Short
                ? Long.valueOf(((Number) value).longValue()) : parseLong(value.toString().trim());
        if (number == null || number < min || number > max) {
            throw new SettingRefused(key, value, "an integer in " + min + ".." + max);
        }
        return number;
    }

    private static String oneOf(Map<String, ?> properties, String key, String fallback, String... allowed) {
        Object value = properties.get(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        String text = value.toString().trim().toLowerCase(Locale.ROOT);
        for (String candidate : allowed) {
            if (candidate.equals(text)) {
                return candidate;
            }
        }
        throw new SettingRefused(key, value, "one of " + String.join(", ", allowed));
    }

    private static String name(Map<String, ?> properties, String key, String fallback) {
        Object value = properties.get(key);
        if (value == null) {
            return fallback;
        }
        String text = value.toString().trim();
        if (text.isEmpty() || !text.matches("[A-Za-z0-9._-]+")) {
            throw new SettingRefused(key, value, "a service name of letters, digits, '.', '_' and '-'");
        }
        return text;
    }

    private static Long parseLong(String text) {
        try {
            return Long.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
