package org.danian.workloads.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.ProcSpec;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.HandlerStats;
import org.danian.workloads.synthetic.StridedMemWork;
import org.danian.workloads.synthetic.SyntheticHandler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Caladan's synthetic server as a live proc of the Danian engine:
 * requests arrive through the kernel's packet driver on the configured port, the proc's
 * kthreads do the requested stridedmem work (ceding their core between chunks when asked) and
 * reply through the driver.
 *
 * <p>A Declarative Services component that exists only while its configuration (PID
 * {@value #PID}, see {@link SyntheticServerConfig}) does: {@code bin/danian serve} creates it,
 * an operator may too (ConfigAdmin, or a {@code .cfg} file in {@code load/}). A configuration
 * change restarts the server; deleting the configuration, stopping the bundle, or the kernel
 * going away stops it cleanly (every accepted request answered, the port released).
 */
@Component(configurationPid = SyntheticServer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = SyntheticServerConfig.class)
public final class SyntheticServer implements WorkloadServer {

    /** ConfigAdmin PID of the synthetic server. */
    public static final String PID = "org.danian.workloads.synthetic";
    /** The proc's name, and the workload's. */
    public static final String NAME = "synthetic";

    @Reference
    private SchedulerKernel kernel;

    private final HandlerCounters counters = new HandlerCounters();
    private ServedWorkload served;
    private ServiceRegistration<WorkloadServer> registration;

    @Activate
    void activate(SyntheticServerConfig config, BundleContext context) throws IOException {
        ProcSpec spec = ProcSettings.spec(NAME, config.kthreads(), config.priority(), config.guaranteedCores(),
                config.maxCores(), config.delayThresholdMicros(), config.tickets(), kernel.topology().coreCount())
                .withKThreadTickets(ProcSettings.tickets(config.kthreadTickets()));
        ProcSettings.check(config.maxWorkIterations() >= 0, "maxWorkIterations", config.maxWorkIterations());
        served = serve(kernel, spec, ProcSettings.bind(config.bind(), config.port()), config.maxWorkIterations(),
                counters);
        registration = Registration.register(context, this);
    }

    /** Starts the server outside OSGi (tests, embedded kernels); close the result to stop it. */
    static ServedWorkload serve(SchedulerKernel kernel, ProcSpec spec, InetSocketAddress bind, long maxWorkIterations,
            HandlerCounters counters) throws IOException {
        SyntheticHandler requests = new SyntheticHandler(new StridedMemWork(1), counters, maxWorkIterations);
        SyntheticPacketHandler handler = new SyntheticPacketHandler(requests, new StridedMemWork(1));
        return ServedWorkload.start(kernel, spec, bind, EchoPortLeases.NONE, workload -> handler);
    }

    @Deactivate
    void deactivate() {
        Registration.unregister(registration);
        served.close();
    }

    @Override
    public String workload() {
        return NAME;
    }

    @Override
    public InetSocketAddress address() {
        return served.address();
    }

    @Override
    public HandlerStats stats() {
        return counters.snapshot();
    }
}
