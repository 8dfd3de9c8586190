package org.danian.distribution;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The few ConfigurationAdmin calls the launcher makes (OSGi Compendium R8 §104), through
 * reflection for the reason {@link GogoSession} gives: {@code org.osgi.service.cm} belongs to
 * the ConfigAdmin bundle's class loader, not to the launcher's class path. Only the published
 * interface methods are called.
 */
final class ConfigAdminClient {

    static final String ADMIN_TYPE = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String CONFIGURATION_TYPE = "org.osgi.service.cm.Configuration";
    /** Location "?": a multi-location configuration that any bundle may bind (§104.4.1). */
    private static final String ANY_LOCATION = "?";

    private final Object admin;
    private final Class<?> adminType;
    private final Method getConfiguration;
    private final Method listConfigurations;
    private final Method update;
    private final Method getProperties;
    private final Method delete;
    private final Method getPid;

    private ConfigAdminClient(Object admin, Class<?> adminType, Class<?> configurationType)
            throws NoSuchMethodException {
        this.admin = admin;
        this.adminType = adminType;
        this.getConfiguration = adminType.getMethod("getConfiguration", String.class, String.class);
        this.listConfigurations = adminType.getMethod("listConfigurations", String.class);
        this.update = configurationType.getMethod("update", Dictionary.class);
        this.getProperties = configurationType.getMethod("getProperties");
        this.delete = configurationType.getMethod("delete");
        this.getPid = configurationType.getMethod("getPid");
    }

    static ConfigAdminClient of(BundleContext context, ServiceReference<?> reference) throws ReflectiveOperationException {
        Object admin = context.getService(reference);
        if (admin == null) {
            throw new IllegalStateException("the ConfigurationAdmin service went away");
        }
        return new ConfigAdminClient(admin, reference.getBundle().loadClass(ADMIN_TYPE),
                reference.getBundle().loadClass(CONFIGURATION_TYPE));
    }

    /** A type of the ConfigurationAdmin API ({@code org.osgi.service.cm}), as the ConfigAdmin bundle sees it. */
    Class<?> type(String name) throws ClassNotFoundException {
        return Class.forName(name, false, adminType.getClassLoader());
    }

    /** Creates or replaces the configuration of {@code pid} with {@code properties}. */
    void put(String pid, Dictionary<String, Object> properties) throws Exception {
        Object configuration = invoke(getConfiguration, admin, pid, ANY_LOCATION);
        invoke(update, configuration, properties);
    }

    /**
     * Sets {@code changes} in the configuration of {@code pid}, keeping its other properties
     * (creating it if there is none).
     */
    @SuppressWarnings("unchecked")
    void merge(String pid, Map<String, String> changes) throws Exception {
        Object configuration = invoke(getConfiguration, admin, pid, ANY_LOCATION);
        Dictionary<String, Object> properties = (Dictionary<String, Object>) invoke(getProperties, configuration);
        if (properties == null) {
            properties = new Hashtable<>();
        }
        for (Map.Entry<String, String> change : changes.entrySet()) {
            properties.put(change.getKey(), change.getValue());
        }
        invoke(update, configuration, properties);
    }

    /**
     * Sets one property of {@code pid}'s configuration, keeping the others (removes it if
     * {@code value} is null); returns its previous value, or null.
     */
    @SuppressWarnings("unchecked")
    Object merge(String pid, String key, Object value) throws Exception {
        Object configuration = invoke(getConfiguration, admin, pid, ANY_LOCATION);
        Dictionary<String, Object> properties = (Dictionary<String, Object>) invoke(getProperties, configuration);
        if (properties == null) {
            properties = new Hashtable<>();
        }
        Object previous = value == null ? properties.remove(key) : properties.put(key, value);
        invoke(update, configuration, properties);
        return previous;
    }

    /**
     * The properties of {@code pid}'s configuration (a copy, ConfigAdmin's own), or null if it
     * has none.
     */
    @SuppressWarnings("unchecked")
    Dictionary<String, Object> properties(String pid) throws Exception {
        // Listed, not got: getConfiguration would create an empty configuration for a new pid.
        Object[] found = (Object[]) invoke(listConfigurations, admin, "(service.pid=" + pid + ")");
        return found == null ? null : (Dictionary<String, Object>) invoke(getProperties, found[0]);
    }

    /** Replaces the properties of {@code pid}'s configuration (creating it if there is none). */
    void update(String pid, Dictionary<String, Object> properties) throws Exception {
        put(pid, properties);
    }

    /** Deletes {@code pid}'s configuration if there is one. */
    void delete(String pid) throws Exception {
        deleteMatching("(service.pid=" + pid + ")");
    }

    /** The pids of the configurations that match the LDAP {@code filter}. */
    java.util.List<String> pids(String filter) throws Exception {
        Object[] found = (Object[]) invoke(listConfigurations, admin, filter);
        java.util.List<String> pids = new java.util.ArrayList<>();
        if (found != null) {
            for (Object configuration : found) {
                pids.add((String) invoke(getPid, configuration));
            }
        }
        return pids;
    }

    /** Deletes every configuration that matches the LDAP {@code filter}; returns how many. */
    int deleteMatching(String filter) throws Exception {
        Object[] found = (Object[]) invoke(listConfigurations, admin, filter);
        if (found == null) {
            return 0;
        }
        for (Object configuration : found) {
            invoke(delete, configuration);
        }
        return found.length;
    }

    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
