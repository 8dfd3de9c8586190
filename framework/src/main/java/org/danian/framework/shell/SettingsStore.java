package org.danian.framework.shell;

import java.io.IOException;
import java.util.Map;

/** The kernel's persisted configuration as {@code danian:config} reads and writes it. */
interface SettingsStore {

    /** The properties configured now; empty when there is no configuration. */
    Map<String, Object> configured() throws IOException;

    /**
     * Sets one property, keeping the others; ConfigAdmin then delivers the configuration to the
     * kernel.
     *
     * @throws IOException if the configuration cannot be written
     */
    default void save(String key, String value) throws IOException {
        saveAll(Map.of(key, value));
    }

    /**
     * Sets several properties in one update, keeping the others.
     *
     * @throws IOException if the configuration cannot be written
     */
    void saveAll(Map<String, String> properties) throws IOException;
}
