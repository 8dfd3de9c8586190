package org.danian.distribution.testpolicy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Assembles the {@link FifoPickPolicy} bundle from the compiled test classes: a manifest by
 * hand (imports of the SPI packages and of the framework API, no exports) and the three class
 * files read from the class path, or from the Pax Exam probe bundle when run inside OSGi.
 */
public final class PolicyBundleJar {

    public static final String SYMBOLIC_NAME = "org.danian.test.policy.fifo";
    private static final Class<?>[] CLASSES = {FifoPickPolicy.class, FifoPicker.class, FifoPolicyActivator.class};

    private PolicyBundleJar() {
    }

    /** The bytes of the bundle jar. */
    public static byte[] fifoPolicyBundle() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Bundle-ManifestVersion", "2");
        main.putValue("Bundle-SymbolicName", SYMBOLIC_NAME);
        main.putValue("Bundle-Version", "1.0.0");
        main.putValue("Bundle-Activator", FifoPolicyActivator.class.getName());
        main.putValue("Import-Package", "org.danian.spi;version=\"[1.0,2)\",org.danian.spi.pick;version=\"[1.0,2)\","
                + "org.osgi.framework;version=\"[1.8,2)\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> type : CLASSES) {
                String entry = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    if (in == null) {
                        throw new IllegalStateException("class file not found: " + entry);
                    }
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
