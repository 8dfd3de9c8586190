package org.danian.framework.shell;

import java.util.HashMap;
import java.util.Map;

import org.danian.framework.engine.Kernel;
import org.danian.framework.engine.LiveFixture;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.framework.engine.RecordingLogger;
import org.danian.kernel.KernelSettings;

/**
 * The kernel's configuration as a plain map, standing in for ConfigAdmin in the shell's tests:
 * what a command saves lands in {@link #values}, and what a test puts there reads as configured.
 */
final class InMemorySettingsStore implements SettingsStore {

    final Map<String, Object> values = new HashMap<>();

    @Override
    public Map<String, Object> configured() {
        return new HashMap<>(values);
    }

    @Override
    public void saveAll(Map<String, String> properties) {
        values.putAll(properties);
    }

    /** A live kernel on the kernel UDP driver, running {@code danian-exact} and {@code simple}. */
    static Kernel startedKernel() {
        Kernel kernel = LiveFixture.unstarted(new RecordingLogger(), KernelSettings.KERNEL_UDP_DRIVER);
        kernel.addPolicy(new LruTestPolicy("danian-exact"));
        kernel.start("danian-exact", "simple");
        return kernel;
    }
}
