package org.danian.framework.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.danian.kernel.SchedulerKernel;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Persists the thread-pick choice in the kernel's configuration (OSGi Compendium R8 §104):
 * updates property {@value SchedulerKernel#THREAD_PICK_PROPERTY} of PID {@value
 * SchedulerKernel#CONFIGURATION_PID}, keeping its other properties. ConfigAdmin then
 * delivers the new configuration to the kernel, which finds the policy already active.
 */
final class ConfigAdminChoiceStore implements PolicyChoiceStore {

    /** Location "?": a multi-location configuration, bindable by the framework bundle (§104.4.1). */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configurationAdmin;

    ConfigAdminChoiceStore(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public void saveThreadPick(String name) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(SchedulerKernel.CONFIGURATION_PID,
                ANY_LOCATION);
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(SchedulerKernel.THREAD_PICK_PROPERTY, name);
        configuration.update(properties);
    }
}
