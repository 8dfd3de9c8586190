package org.danian.exporter.prometheus;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.WorkloadTraffic;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Serves the kernel's metrics and the running workloads' datagram counts (every
 * {@link WorkloadTraffic} service, followed as they come and go) on
 * {@code http://<bind>:<port>/metrics} with the Prometheus Java client's HTTP server. Off by default: it exists only while its configuration (PID
 * {@value #PID}) does, e.g. {@code bin/danian} with {@code load/org.danian.exporter.prometheus.cfg}
 * holding {@code port=9400}. Bound to the loopback unless {@code bind} says otherwise.
 */
@Component(configurationPid = PrometheusEndpoint.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = PrometheusEndpoint.Config.class)
public final class PrometheusEndpoint {

    /** ConfigAdmin PID of the endpoint. */
    public static final String PID = "org.danian.exporter.prometheus";

    /** The endpoint's configuration (OSGi Compendium R8 §104, §105). */
    @ObjectClassDefinition(id = PID, name = "Danian Prometheus endpoint",
            description = "The kernel's counters and latencies for Prometheus; exists only while configured.")
    @interface Config {
        @AttributeDefinition(description = "TCP port of the endpoint; 0 for any free port", min = "0",
                max = "65535")
        int port() default 9400;

        @AttributeDefinition(description = "Address to bind; the loopback by default")
        String bind() default "127.0.0.1";
    }

    private final List<WorkloadTraffic> workloads = new CopyOnWriteArrayList<>();
    private final HTTPServer server;

    /** Starts the HTTP server; fails the component (logged by SCR) if the port is taken. */
    @Activate
    public PrometheusEndpoint(@Reference(name = "kernel") KernelAdmin kernel, Config config) throws IOException {
        this.server = start(kernel, workloads, config.bind(), config.port());
    }

    @Reference(name = "workloads", cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindWorkload(WorkloadTraffic workload) {
        workloads.add(workload);
    }

    void unbindWorkload(WorkloadTraffic workload) {
        workloads.remove(workload);
    }

    /** Starts an endpoint outside OSGi (tests); close the result to stop it. */
    static HTTPServer start(KernelAdmin kernel, Collection<WorkloadTraffic> workloads, String bind, int port)
            throws IOException {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new KernelMetricsCollector(kernel));
        registry.register(new WorkloadTrafficCollector(workloads));
        return HTTPServer.builder().hostname(bind).port(port).registry(registry).buildAndStart();
    }

    /** The port it listens on. */
    int port() {
        return server.getPort();
    }

    @Deactivate
    void deactivate() {
        server.close();
    }
}
