package org.danian.test.oldspi;

import java.util.Dictionary;
import java.util.Hashtable;
import org.danian.spi.pick.ThreadPickPolicy;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers {@link LifoPickPolicy} while the bundle is active. A plain activator rather than a
 * Declarative Services component, so the bundle needs nothing but the SPI and
 * org.osgi.framework.
 */
public final class LifoPolicyActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ThreadPickPolicy.NAME_PROPERTY, LifoPickPolicy.NAME);
        context.registerService(ThreadPickPolicy.class, new LifoPickPolicy(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service when the bundle stops (OSGi Core §5.2.4).
    }
}
