package org.danian.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.danian.spi.pick.ThreadPickPolicy;

/**
 * Thread-pick policies of bundles put on the class path, so that the benchmarks measure a
 * researcher's policy beside the shipped ones ({@code -p policy=caladan,mru}) without a
 * framework: every jar whose manifest names Declarative Services descriptors
 * ({@code Service-Component}) is read, and each component that provides
 * {@link ThreadPickPolicy} is instantiated with its public no-argument constructor, as SCR
 * would (OSGi Compendium R8, §112.5). A component that needs activation or references is not
 * supported here and is skipped.
 */
final class ClassPathPolicies {

    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation\\s+class=\"([^\"]+)\"");
    private static final Pattern PICK_SERVICE = Pattern.compile(
            "<provide\\s+interface=\"" + Pattern.quote(ThreadPickPolicy.class.getName()) + "\"");

    private ClassPathPolicies() {
    }

    /** A new instance of the class-path policy named {@code name}, or null if there is none. */
    static ThreadPickPolicy find(String name) {
        for (ThreadPickPolicy policy : all()) {
            if (policy.name().equals(name)) {
                return policy;
            }
        }
        return null;
    }

    /** One new instance of every thread-pick component on the class path. */
    static List<ThreadPickPolicy> all() {
        return all(ClassPathPolicies.class.getClassLoader());
    }

    /** One new instance of every thread-pick component that {@code loader} sees. */
    static List<ThreadPickPolicy> all(ClassLoader loader) {
        List<ThreadPickPolicy> policies = new ArrayList<>();
        try {
            Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
            while (manifests.hasMoreElements()) {
                String components = serviceComponents(manifests.nextElement());
                if (components == null) {
                    continue;
                }
                for (String descriptor : components.split(",")) {
                    ThreadPickPolicy policy = instantiate(loader, descriptor.strip());
                    if (policy != null) {
                        policies.add(policy);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the class path's manifests", e);
        }
        return policies;
    }

    private static String serviceComponents(URL manifest) throws IOException {
        try (InputStream in = manifest.openStream()) {
            return new Manifest(in).getMainAttributes().getValue("Service-Component");
        }
    }

    private static ThreadPickPolicy instantiate(ClassLoader loader, String descriptor) throws IOException {
        try (InputStream in = loader.getResourceAsStream(descriptor)) {
            if (in == null) {
                return null;
            }
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            Matcher implementation = IMPLEMENTATION.matcher(xml);
            if (!PICK_SERVICE.matcher(xml).find() || !implementation.find()) {
                return null;
            }
            return (ThreadPickPolicy) loader.loadClass(implementation.group(1)).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return null; // not instantiable without SCR: skipped, as the class comment says
        }
    }
}
