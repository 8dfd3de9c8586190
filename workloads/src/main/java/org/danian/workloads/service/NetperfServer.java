package org.danian.workloads.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.danian.kernel.PacketHandler;
import org.danian.kernel.PacketPort;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.ProcSpec;
import org.danian.workloads.netperf.EchoHandler;
import org.danian.workloads.netperf.EchoPorts;
import org.danian.workloads.netperf.HandshakeRateLimit;
import org.danian.workloads.netperf.NetperfControlHandler;
import org.danian.workloads.protocol.NetperfWire;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.HandlerStats;
import org.danian.workloads.server.PacketServing;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Caladan's 2021 netperf server and a sockperf server on one control port, as a live proc of
 * the Danian engine: the control port answers sockperf messages
 * and netperf handshakes; a handshake opens its echo ports through the kernel's packet driver,
 * served by the same proc, each closed again by its client's kill message.
 *
 * <p>Lifecycle as {@link SyntheticServer}: exists while its configuration (PID {@value #PID},
 * {@link NetperfServerConfig}) does; stops cleanly on deactivation, echo ports included.
 */
@Component(configurationPid = NetperfServer.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        immediate = true, service = {})
@Designate(ocd = NetperfServerConfig.class)
public final class NetperfServer implements WorkloadServer {

    /** ConfigAdmin PID of the netperf server. */
    public static final String PID = "org.danian.workloads.netperf";
    /** The proc's name, and the workload's. */
    public static final String NAME = "netperf";

    @Reference
    private SchedulerKernel kernel;

    private final HandlerCounters counters = new HandlerCounters();
    private ServedWorkload served;
    private ServiceRegistration<WorkloadServer> registration;

    @Activate
    void activate(NetperfServerConfig config, BundleContext context) throws IOException {
        ProcSpec spec = ProcSettings.spec(NAME, config.kthreads(), config.priority(), config.guaranteedCores(),
                config.maxCores(), config.delayThresholdMicros(), config.tickets(), kernel.topology().coreCount())
                .withKThreadTickets(ProcSettings.tickets(config.kthreadTickets()));
        ProcSettings.check(config.maxEchoPorts() >= 0, "maxEchoPorts", config.maxEchoPorts());
        ProcSettings.check(config.maxEchoPortsPerClient() >= 0, "maxEchoPortsPerClient",
                config.maxEchoPortsPerClient());
        ProcSettings.check(config.echoIdleSeconds() >= 1, "echoIdleSeconds", config.echoIdleSeconds());
        ProcSettings.check(config.handshakesPerSecond() >= 0 && !Double.isInfinite(config.handshakesPerSecond()),
                "handshakesPerSecond", config.handshakesPerSecond());
        ProcSettings.check(config.handshakeBurst() >= 1, "handshakeBurst", config.handshakeBurst());
        served = serve(kernel, spec, ProcSettings.bind(config.bind(), config.port()), new EchoPortLeases(
                config.maxEchoPorts(), config.maxEchoPortsPerClient(),
                TimeUnit.SECONDS.toNanos(config.echoIdleSeconds())),
                new HandshakeRateLimit(config.handshakesPerSecond(), config.handshakeBurst(), System::nanoTime),
                counters);
        registration = Registration.register(context, this);
    }

    /** Starts the server outside OSGi (tests, embedded kernels); close the result to stop it. */
    static ServedWorkload serve(SchedulerKernel kernel, ProcSpec spec, InetSocketAddress bind, int maxEchoPorts,
            HandlerCounters counters) throws IOException {
        return serve(kernel, spec, bind, new EchoPortLeases(maxEchoPorts, maxEchoPorts, Long.MAX_VALUE), counters);
    }

    /** As above, with the echo ports' limits; handshakes not rate-limited. */
    static ServedWorkload serve(SchedulerKernel kernel, ProcSpec spec, InetSocketAddress bind,
            EchoPortLeases echoLimits, HandlerCounters counters) throws IOException {
        return serve(kernel, spec, bind, echoLimits, HandshakeRateLimit.unlimited(), counters);
    }

    /** As above, with the handshakes' rate limit. */
    static ServedWorkload serve(SchedulerKernel kernel, ProcSpec spec, InetSocketAddress bind,
            EchoPortLeases echoLimits, HandshakeRateLimit handshakeLimit, HandlerCounters counters)
            throws IOException {
        return ServedWorkload.start(kernel, spec, bind, echoLimits, workload -> {
            NetperfControlHandler control = new NetperfControlHandler(counters, new EchoPorts() {
                @Override
                public int open() {
                    return open(null);
                }

                @Override
                public int open(InetAddress client) {
                    return workload.openExtraPort(client, port -> echo(workload, port, counters));
                }
            }, handshakeLimit);
            return packet -> {
                ByteBuffer payload = packet.payload();
                // Only a handshake needs its sender (for the per-client limit); sockperf's
                // messages are served without looking it up.
                InetAddress client = payload.limit() == NetperfWire.CONTROL_REQUEST_SIZE
                        ? packet.remote().getAddress() : null;
                PacketServing.complete(packet, control.handle(payload, client));
            };
        });
    }

    /** An echo port's handler; {@code port[0]} is the port once opened, which a kill closes. */
    private static PacketHandler echo(ServedWorkload workload, PacketPort[] port, HandlerCounters counters) {
        EchoHandler echo = new EchoHandler(counters, () -> workload.closeExtraPort(port[0]));
        return packet -> PacketServing.serve(echo, packet);
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
