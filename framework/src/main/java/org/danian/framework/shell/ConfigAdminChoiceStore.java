package org.danian.framework.shell;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;

import org.danian.framework.settings.EjectionRecord;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.PolicyKind;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Persists a policy choice in the kernel's configuration (OSGi Compendium R8 §104): updates
 * the kind's property ({@link PolicyKind#configurationProperty()}) of PID {@value
 * KernelAdmin#CONFIGURATION_PID}, keeping its other properties. ConfigAdmin then delivers the
 * new configuration to the kernel, which finds the policy already active.
 */
final class ConfigAdminChoiceStore implements PolicyChoiceStore {

    /** Location "?": a multi-location configuration, bindable by the framework bundle (§104.4.1). */
    private static final String ANY_LOCATION = "?";

    private final ConfigurationAdmin configurationAdmin;

    ConfigAdminChoiceStore(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public void save(PolicyKind kind, String name) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(KernelAdmin.CONFIGURATION_PID,
                ANY_LOCATION);
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(kind.configurationProperty(), name);
        // An explicit choice clears the record of an earlier ejection (EjectionRecorder).
        EjectionRecord.properties(kind).forEach(properties::remove);
        configuration.update(properties);
    }
}
