package org.danian.distribution;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.apache.felix.main.AutoProcessor;
import org.apache.felix.main.Main;
import org.osgi.framework.Constants;

/**
 * The framework properties of one run: {@code conf/config.properties} of the distribution,
 * read and variable-substituted by Felix main exactly as {@code java -jar felix.jar} would,
 * plus this run's private storage directory.
 *
 * <p>{@code bin/danian} passes {@value #HOME_PROPERTY}; {@value #DATA_PROPERTY} defaults to
 * {@code <home>/data}. Both are system properties so that {@code config.properties} can refer
 * to them as {@code ${danian.home}} and {@code ${danian.data}}.
 */
final class LauncherConfig {

    static final String HOME_PROPERTY = "danian.home";
    static final String DATA_PROPERTY = "danian.data";
    static final String STARTUP_TIMEOUT_PROPERTY = "danian.startup.timeout.seconds";
    static final long STOP_TIMEOUT_MILLIS = 10_000;
    private static final long DEFAULT_STARTUP_TIMEOUT_SECONDS = 60;
    private static final String FILEINSTALL_DIR = "felix.fileinstall.dir";

    private LauncherConfig() {
    }

    /**
     * Reads {@code conf/config.properties} and points the framework storage at {@code storage}.
     *
     * @throws IllegalStateException if {@value #HOME_PROPERTY} is not set or the file is missing
     */
    static Map<String, String> load(Path storage) {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null) {
            throw new IllegalStateException("system property " + HOME_PROPERTY + " is not set; start with bin/danian");
        }
        Path homePath = Paths.get(home).toAbsolutePath().normalize();
        System.setProperty(HOME_PROPERTY, homePath.toString());
        if (System.getProperty(DATA_PROPERTY) == null) {
            System.setProperty(DATA_PROPERTY, homePath.resolve("data").toString());
        }
        Path configFile = homePath.resolve("conf").resolve("config.properties");
        if (System.getProperty(Main.CONFIG_PROPERTIES_PROP) == null) {
            System.setProperty(Main.CONFIG_PROPERTIES_PROP, configFile.toUri().toString());
        }
        Map<String, String> config = Main.loadConfigProperties();
        if (config == null) {
            throw new IllegalStateException("cannot read " + System.getProperty(Main.CONFIG_PROPERTIES_PROP));
        }
        // -Dfelix.* and -Dorg.osgi.framework.* on the java command line override the file,
        // as with Felix main.
        Main.copySystemProperties(config);
        config.put(Constants.FRAMEWORK_STORAGE, storage.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        return config;
    }

    /** The hot-deploy folder FileInstall watches, or null if FileInstall is not configured. */
    static Path loadDirectory(Map<String, String> config) {
        String dir = config.get(FILEINSTALL_DIR);
        return dir == null ? null : Paths.get(dir);
    }

    /** The folder of the shipped bundles (Felix main's auto-deploy folder), or null. */
    static Path bundleDirectory(Map<String, String> config) {
        String dir = config.get(AutoProcessor.AUTO_DEPLOY_DIR_PROPERTY);
        return dir == null ? null : Paths.get(dir);
    }

    /** How long a one-shot run waits for the kernel and its commands. */
    static long startupTimeoutMillis() {
        return Long.getLong(STARTUP_TIMEOUT_PROPERTY, DEFAULT_STARTUP_TIMEOUT_SECONDS) * 1000;
    }
}
