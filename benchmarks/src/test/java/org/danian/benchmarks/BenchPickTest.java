package org.danian.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.danian.policy.caladan.CaladanPickPolicy;
import org.danian.spi.pick.ThreadPickPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Finding policy bundles on the class path, and bench-pick's tables (its JMH run is not a test). */
class BenchPickTest {

    @Test
    void aBundlesThreadPickComponentIsFoundThroughItsDescriptor(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("policy.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Service-Component", "OSGI-INF/pick.xml,OSGI-INF/other.xml");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("OSGI-INF/pick.xml"));
            out.write(("<scr:component name=\"x\"><implementation class=\"" + CaladanPickPolicy.class.getName()
                    + "\"/><service><provide interface=\"" + ThreadPickPolicy.class.getName()
                    + "\"/></service></scr:component>").getBytes(StandardCharsets.UTF_8));
            out.putNextEntry(new JarEntry("OSGI-INF/other.xml"));
            out.write("<scr:component name=\"y\"><implementation class=\"java.lang.Object\"/><service><provide interface=\"java.lang.Runnable\"/></service></scr:component>".getBytes(StandardCharsets.UTF_8));
        }
        // The reactor may put policy-caladan's own bundle on the class path too: count the difference.
        long before = caladans(ClassPathPolicies.all(getClass().getClassLoader()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            List<ThreadPickPolicy> found = ClassPathPolicies.all(loader);
            assertEquals(before + 1, caladans(found), "the component providing ThreadPickPolicy, not the other one");
            assertEquals(found.size(), ClassPathPolicies.all(getClass().getClassLoader()).size() + 1, found.toString());
        }
    }

    private static long caladans(List<ThreadPickPolicy> policies) {
        return policies.stream().filter(policy -> policy.getClass() == CaladanPickPolicy.class).count();
    }

    @Test
    void anUnknownNameSaysHowToAddAPolicy() {
        IllegalArgumentException unknown = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> Policies.byName("no-such-policy"));
        assertTrue(unknown.getMessage().contains("-cp"), unknown.getMessage());
    }

    @Test
    void tablesHaveARowPerPolicyAndAColumnPerIdleCount() {
        String tables = BenchPick.format(Map.of("miss", new java.util.TreeMap<>(Map.of(
                "caladan", new java.util.TreeMap<>(Map.of(1, "10.0 ± 1.0", 1024, "3000.0 ± 9.0")),
                "mru", new java.util.TreeMap<>(Map.of(1, "9.0 ± 1.0"))))));
        assertEquals("\nmiss (ns per pick and park back, ± 99.9% error)\n\n| policy | idle=1 | idle=1024 |\n"
                + "|---|---:|---:|\n| caladan | 10.0 ± 1.0 | 3000.0 ± 9.0 |\n| mru | 9.0 ± 1.0 | n/a |\n", tables);
    }
}
