package org.danian.distribution;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;

/**
 * Keeps {@code load/} from harming the shipped system. FileInstall updates an installed bundle
 * in place when a jar of the same symbolic name and version appears in its folder, and
 * uninstalls it when that jar is deleted: a copy of a shipped policy dropped there would take
 * the shipped bundle over, and deleting the copy would remove the reference policy.
 *
 * <p>This guard is a FileInstall {@code ArtifactInstaller} (FileInstall asks every registered
 * listener before its own bundle handling, which always comes last). It claims two kinds of
 * jar and installs neither, naming each once in the log (standard error and {@code log/}):
 * <ul>
 *   <li>a bundle whose symbolic name is one of {@code bundle/}'s: refused, the shipped one stays
 *       (whatever its version: two bundles of one name would offer the same policies);
 *   <li>a jar that can never be a bundle (unreadable, or no {@code Bundle-SymbolicName}).
 * </ul>
 * Deleting such a jar does nothing. Every other jar goes to FileInstall as before. It also
 * applies non-factory {@code .cfg} files itself, by merging, and undoes them when they are
 * deleted ({@link ConfigurationFile}, {@link ConfigurationFileLedger}).
 *
 * <p>Registered by the launcher through the system bundle's context after the bundles are
 * installed and before any starts, so it is in place before FileInstall's first scan. The
 * {@code ArtifactInstaller} type belongs to the FileInstall bundle's class loader, hence a
 * {@link Proxy} of it (the reason {@link GogoSession} gives).
 */
final class HotDeployGuard implements InvocationHandler {

    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    private static final String INSTALLER_TYPE = "org.apache.felix.fileinstall.ArtifactInstaller";
    private static final String BUNDLE_SYMBOLIC_NAME = "Bundle-SymbolicName";

    private final Map<String, String> shipped;
    private final BundleContext context;
    private final System.Logger log = System.getLogger("org.danian.launcher");

    private HotDeployGuard(Map<String, String> shipped, BundleContext context) {
        this.shipped = shipped;
        this.context = context;
    }

    /**
     * Registers the guard if FileInstall is installed, and has the {@code .cfg} files deleted
     * from {@code loadDirectory} while no instance ran undone as soon as ConfigurationAdmin
     * starts (before Declarative Services, whose bundle starts after it, activates a component
     * on their values); says on {@code err} if it cannot.
     */
    static void register(BundleContext context, Path bundleDirectory, Path loadDirectory, PrintStream err) {
        if (loadDirectory != null) {
            revertDeletedOnceConfigAdminStarts(context, loadDirectory, err);
        }
        Bundle fileInstall = null;
        for (Bundle bundle : context.getBundles()) {
            if (FILEINSTALL.equals(bundle.getSymbolicName())) {
                fileInstall = bundle;
            }
        }
        if (fileInstall == null || bundleDirectory == null) {
            return;
        }
        try {
            Class<?> installerType = fileInstall.loadClass(INSTALLER_TYPE);
            Object guard = Proxy.newProxyInstance(installerType.getClassLoader(), new Class<?>[] {installerType},
                    new HotDeployGuard(shippedNames(bundleDirectory), context));
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
            properties.put(Constants.SERVICE_DESCRIPTION, "Danian: refuses copies of shipped bundles in load/");
            context.registerService(INSTALLER_TYPE, guard, properties);
        } catch (ClassNotFoundException | IOException | RuntimeException e) {
            err.println("danian: warning: load/ is not guarded against copies of shipped bundles: " + e);
        }
    }

    private static void revertDeletedOnceConfigAdminStarts(BundleContext context, Path loadDirectory,
            PrintStream err) {
        ServiceListener listener = new ServiceListener() {
            @Override
            public void serviceChanged(ServiceEvent event) {
                if (event.getType() != ServiceEvent.REGISTERED) {
                    return;
                }
                context.removeServiceListener(this);
                try {
                    new ConfigurationFileLedger(ConfigAdminClient.of(context, event.getServiceReference()))
                            .revertDeleted(loadDirectory);
                } catch (Exception e) {
                    err.println("danian: warning: .cfg files deleted from " + loadDirectory
                            + " while stopped are not undone: " + e);
                }
            }
        };
        try {
            context.addServiceListener(listener, "(objectClass=" + ConfigAdminClient.ADMIN_TYPE + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("the ConfigurationAdmin filter is malformed", e);
        }
    }

    /** The symbolic name of each jar of {@code bundle/}, with its file name. */
    private static Map<String, String> shippedNames(Path bundleDirectory) throws IOException {
        Map<String, String> names = new HashMap<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(bundleDirectory, "*.jar")) {
            for (Path jar : jars) {
                String name = symbolicName(jar.toFile());
                if (name != null) {
                    names.put(name, jar.getFileName().toString());
                }
            }
        }
        return names;
    }

    /** The jar's bundle symbolic name without directives, or null if it has none or cannot be read. */
    static String symbolicName(File jar) {
        try (JarFile file = new JarFile(jar)) {
            Manifest manifest = file.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(BUNDLE_SYMBOLIC_NAME);
            return name == null ? null : name.split(";")[0].trim();
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Exception {
        return switch (method.getName()) {
            case "canHandle" -> claims((File) args[0]) || ConfigurationFile.claims((File) args[0]);
            case "install", "update" -> {
                File file = (File) args[0];
                if (ConfigurationFile.claims(file)) {
                    ConfigurationFile.merge(context, file);
                } else {
                    refuse(file);
                }
                yield null;
            }
            case "uninstall" -> {
                // A refused jar installed nothing; a deleted configuration file is undone.
                File file = (File) args[0];
                if (ConfigurationFile.claimsDeleted(file)) {
                    ConfigurationFile.unmerge(context, file);
                }
                yield null;
            }
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            case "toString" -> "HotDeployGuard" + shipped.keySet();
            default -> null;
        };
    }

    private boolean claims(File file) {
        if (!file.getName().endsWith(".jar") || !file.isFile()) {
            return false;
        }
        String name = symbolicName(file);
        return name == null || shipped.containsKey(name);
    }

    private void refuse(File file) {
        String name = symbolicName(file);
        String message = name == null
                ? file + " is ignored: not an OSGi bundle (unreadable, or no Bundle-SymbolicName)"
                : file + " is refused: bundle " + name + " is shipped (bundle/" + shipped.get(name)
                        + ") and stays; give the copy another Bundle-SymbolicName to deploy it";
        // Through the log: standard error and log/ (LauncherLog), once per change of the file.
        log.log(System.Logger.Level.WARNING, message);
    }
}
