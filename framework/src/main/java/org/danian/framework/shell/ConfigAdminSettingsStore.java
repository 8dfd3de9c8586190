package org.danian.framework.shell;

import java.io.IOException;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.danian.kernel.KernelAdmin;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The kernel's configuration, PID {@value KernelAdmin#CONFIGURATION_PID}, through
 * ConfigurationAdmin (OSGi Compendium R8 §104), read and updated one property at a time.
 */
final class ConfigAdminSettingsStore implements SettingsStore {

    /** Location "?": a multi-location configuration, bindable by the framework bundle (§104.4.1). */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configurationAdmin;

    ConfigAdminSettingsStore(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public Map<String, Object> configured() throws IOException {
        Dictionary<String, Object> properties = configuration().getProperties();
        Map<String, Object> copy = new HashMap<>();
        if (properties != null) {
            for (String key : Collections.list(properties.keys())) {
                copy.put(key, properties.get(key));
            }
        }
        return copy;
    }

    @Override
    public void saveAll(Map<String, String> changes) throws IOException {
        Configuration configuration = configuration();
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        for (Map.Entry<String, String> change : changes.entrySet()) {
            properties.put(change.getKey(), change.getValue());
        }
        configuration.update(properties);
    }

    private Configuration configuration() throws IOException {
        return configurationAdmin.getConfiguration(KernelAdmin.CONFIGURATION_PID, ANY_LOCATION);
    }
}
