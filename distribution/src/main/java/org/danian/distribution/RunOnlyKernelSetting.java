package org.danian.distribution;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;

/**
 * One property of the kernel's configuration (PID {@value #KERNEL_PID}) for this process only:
 * a ConfigurationAdmin {@code ConfigurationPlugin} (OSGi Compendium R8 §104.9) that sets it in
 * the properties as they are delivered to Declarative Services, never in the configuration
 * that is stored. So however the run ends, SIGKILL included, the next start reads the stored
 * value; {@code danian:config} shows the stored value, {@code danian:status} the one in effect.
 * The plugin type belongs to the ConfigAdmin bundle's class loader, hence a {@link Proxy} (the
 * reason {@link GogoSession} gives).
 */
final class RunOnlyKernelSetting implements InvocationHandler {

    static final String KERNEL_PID = "org.danian.kernel";
    private static final String PLUGIN_TYPE = "org.osgi.service.cm.ConfigurationPlugin";

    private final String key;
    private final String value;
    private final ServiceRegistration<?> registration;

    private RunOnlyKernelSetting(BundleContext context, ConfigAdminClient admin, String key, String value)
            throws Exception {
        this.key = key;
        this.value = value;
        Class<?> pluginType = admin.type(PLUGIN_TYPE);
        Object plugin = Proxy.newProxyInstance(pluginType.getClassLoader(), new Class<?>[] {pluginType}, this);
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Constants.SERVICE_DESCRIPTION, "Danian: " + key + "=" + value + " for this run only");
        this.registration = context.registerService(PLUGIN_TYPE, plugin, properties);
    }

    /**
     * Puts {@code key=value} in effect for this run: registers the plugin, then updates the
     * kernel's configuration with its own stored properties (creating an empty one if there is
     * none), so that SCR delivers them again, through the plugin.
     */
    static RunOnlyKernelSetting apply(BundleContext context, ConfigAdminClient admin, String key, String value)
            throws Exception {
        RunOnlyKernelSetting setting = new RunOnlyKernelSetting(context, admin, key, value);
        try {
            admin.merge(KERNEL_PID, Map.of());
        } catch (Exception | Error e) {
            setting.registration.unregister();
            throw e;
        }
        return setting;
    }

    /** Takes the setting away; the kernel, if it still runs, gets the stored configuration again. */
    void remove(ConfigAdminClient admin) throws Exception {
        try {
            registration.unregister();
        } catch (IllegalStateException e) {
            return; // the framework stopped: nothing runs any more that could see the setting
        }
        admin.merge(KERNEL_PID, Map.of());
    }

    /** {@code ConfigurationPlugin.modifyConfiguration(ServiceReference, Dictionary)}, and Object's methods. */
    @Override
    @SuppressWarnings("unchecked")
    public Object invoke(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "modifyConfiguration" -> {
                Dictionary<String, Object> properties = (Dictionary<String, Object>) args[1];
                if (properties != null && KERNEL_PID.equals(properties.get(Constants.SERVICE_PID))) {
                    properties.put(key, value);
                }
                return null;
            }
            case "equals" -> {
                return proxy == args[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "RunOnlyKernelSetting[" + key + "=" + value + "]";
            }
            default -> throw new UnsupportedOperationException(method.toString());
        }
    }
}
