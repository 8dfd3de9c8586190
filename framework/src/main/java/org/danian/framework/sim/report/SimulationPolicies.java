package org.danian.framework.sim.report;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The policies {@code bin/danian simulate} runs, found as Felix would find them: every jar on
 * the class path whose manifest names Declarative Services descriptors
 * ({@code Service-Component}, OSGi Compendium R8 §112.4.1) is read, and each component that
 * provides {@link ThreadPickPolicy} or {@link CoreAllocationPolicy} is instantiated through its
 * public no-argument constructor (what SCR does for a component without an activation
 * constructor), once per run, so no state crosses runs.
 */
final class SimulationPolicies {

    private final Map<String, Supplier<ThreadPickPolicy>> pickPolicies = new TreeMap<>();
    private final Map<String, Supplier<CoreAllocationPolicy>> allocators = new TreeMap<>();

    private SimulationPolicies() {
    }

    /** The policies of the class path of {@code loader}. */
    static SimulationPolicies discover(ClassLoader loader) throws IOException {
        SimulationPolicies found = new SimulationPolicies();
        Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            String components;
            try (InputStream in = url.openStream()) {
                components = new Manifest(in).getMainAttributes().getValue("Service-Component");
            }
            if (components == null) {
                continue;
            }
            String base = url.toString().substring(0, url.toString().length() - "META-INF/MANIFEST.MF".length());
            for (String descriptor : components.split(",")) {
                found.read(loader, new URL(base + descriptor.trim()));
            }
        }
        return found;
    }

    Map<String, Supplier<ThreadPickPolicy>> pickPolicies() {
        return pickPolicies;
    }

    Map<String, Supplier<CoreAllocationPolicy>> allocators() {
        return allocators;
    }

    private void read(ClassLoader loader, URL descriptor) throws IOException {
        Document document;
        try (InputStream in = descriptor.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read the component descriptor " + descriptor + ": " + e.getMessage(), e);
        }
        NodeList provides = document.getElementsByTagNameNS("*", "provide");
        NodeList implementations = document.getElementsByTagNameNS("*", "implementation");
        if (implementations.getLength() != 1) {
            return;
        }
        String implementation = ((Element) implementations.item(0)).getAttribute("class");
        for (int i = 0; i < provides.getLength(); i++) {
            String service = ((Element) provides.item(i)).getAttribute("interface");
            if (service.equals(ThreadPickPolicy.class.getName())) {
                ThreadPickPolicy sample = create(loader, implementation, ThreadPickPolicy.class);
                pickPolicies.put(sample.name(), () -> create(loader, implementation, ThreadPickPolicy.class));
            } else if (service.equals(CoreAllocationPolicy.class.getName())) {
                CoreAllocationPolicy sample = create(loader, implementation, CoreAllocationPolicy.class);
                allocators.put(sample.name(), () -> create(loader, implementation, CoreAllocationPolicy.class));
            }
        }
    }

    private static <T> T create(ClassLoader loader, String className, Class<T> type) {
        try {
            return type.cast(Class.forName(className, true, loader).getConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create policy component " + className + ": " + e, e);
        }
    }
}
