package org.danian.distribution;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * A {@code <pid>.cfg} file in {@code load/}, applied by merging: each property of the file is
 * set in the configuration of {@code <pid>}, and the properties it does not name keep their
 * values. FileInstall's own handling would replace the whole configuration with the file's
 * properties (a policy choice saved by {@code danian:policy} would be lost) and, unless told
 * not to, write later changes back into the file.
 *
 * <p>Nothing is ever written into the file. Deleting the file undoes it: each key it set
 * goes back to its earlier value, or to its default if it had none, unless it was changed
 * since ({@link ConfigurationFileLedger}, which records what each file replaced). Factory
 * configurations ({@code <pid>-<name>.cfg}) are left to FileInstall.
 *
 * <p>Every value is applied as text; the components read text as they read typed values (the
 * kernel's settings go through its reader, which checks them and refuses bad ones naming the
 * property).
 */
final class ConfigurationFile {

    private static final String SUFFIX = ".cfg";
    private static final System.Logger LOG = System.getLogger("org.danian.launcher");

    private ConfigurationFile() {
    }

    /** Whether the guard applies {@code file} itself: a non-factory {@code .cfg}. */
    static boolean claims(File file) {
        String name = file.getName();
        return name.endsWith(SUFFIX) && !name.contains("-") && name.length() > SUFFIX.length() && file.isFile();
    }

    /**
     * Merges the file into its configuration.
     *
     * @throws IllegalStateException if ConfigurationAdmin is not running (FileInstall retries
     *     the file at its next poll)
     */
    static void merge(BundleContext context, File file) throws Exception {
        String pid = file.getName().substring(0, file.getName().length() - SUFFIX.length());
        Map<String, String> properties = read(file);
        ServiceReference<?> reference = context.getServiceReference(ConfigAdminClient.ADMIN_TYPE);
        if (reference == null) {
            throw new IllegalStateException("ConfigurationAdmin is not running; " + file + " waits");
        }
        new ConfigurationFileLedger(ConfigAdminClient.of(context, reference)).apply(pid, properties);
        LOG.log(System.Logger.Level.INFO, file + " merged into configuration " + pid + ": " + properties.keySet());
    }

    /**
     * Undoes what the deleted {@code file} set ({@link ConfigurationFileLedger#revert}).
     *
     * @throws IllegalStateException if ConfigurationAdmin is not running (the next start
     *     reverts it, {@link ConfigurationFileLedger#revertDeleted})
     */
    static void unmerge(BundleContext context, File file) throws Exception {
        String pid = file.getName().substring(0, file.getName().length() - SUFFIX.length());
        ServiceReference<?> reference = context.getServiceReference(ConfigAdminClient.ADMIN_TYPE);
        if (reference == null) {
            throw new IllegalStateException("ConfigurationAdmin is not running; " + file
                    + " is reverted at the next start");
        }
        new ConfigurationFileLedger(ConfigAdminClient.of(context, reference)).revert(pid);
    }

    /** Whether the guard undoes the deletion of {@code file}: a non-factory {@code .cfg}, which is gone. */
    static boolean claimsDeleted(File file) {
        String name = file.getName();
        return name.endsWith(SUFFIX) && !name.contains("-") && name.length() > SUFFIX.length();
    }

    private static Map<String, String> read(File file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file.toPath(), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, String> values = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            values.put(key, properties.getProperty(key).trim());
        }
        return values;
    }
}
