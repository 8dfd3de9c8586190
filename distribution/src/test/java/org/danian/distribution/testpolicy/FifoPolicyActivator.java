package org.danian.distribution.testpolicy;

import java.util.Dictionary;
import java.util.Hashtable;
import org.danian.spi.pick.ThreadPickPolicy;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Registers {@link FifoPickPolicy} while the bundle is active. A plain activator rather than
 * a Declarative Services component, so the bundle can be assembled without bnd; the kernel
 * sees the same service either way.
 */
public final class FifoPolicyActivator implements BundleActivator {

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(ThreadPickPolicy.NAME_PROPERTY, FifoPickPolicy.NAME);
        context.registerService(ThreadPickPolicy.class, new FifoPickPolicy(), properties);
    }

    @Override
    public void stop(BundleContext context) {
        // The framework unregisters the service when the bundle stops (OSGi Core §5.2.4).
    }
}
