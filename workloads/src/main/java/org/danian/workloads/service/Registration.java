package org.danian.workloads.service;

import java.net.InetSocketAddress;
import java.util.Hashtable;
import org.danian.kernel.WorkloadTraffic;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers a running server as a {@link WorkloadServer} (and {@link WorkloadTraffic}) service
 * with its address in the properties. By hand rather than by Declarative Services, because
 * the port (possibly an ephemeral one) is known only once the component has activated.
 */
final class Registration {

    private Registration() {
    }

    @SuppressWarnings("unchecked")
    static ServiceRegistration<WorkloadServer> register(BundleContext context, WorkloadServer server) {
        InetSocketAddress address = server.address();
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(WorkloadServer.WORKLOAD, server.workload());
        properties.put(WorkloadServer.ADDRESS, address.getAddress().getHostAddress());
        properties.put(WorkloadServer.PORT, address.getPort());
        // Under both names: this bundle's own type, and the kernel API's view for other bundles.
        return (ServiceRegistration<WorkloadServer>) context.registerService(
                new String[] {WorkloadServer.class.getName(), WorkloadTraffic.class.getName()}, server, properties);
    }

    static void unregister(ServiceRegistration<WorkloadServer> registration) {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The bundle is stopping and the framework unregistered it first.
        }
    }
}
