package org.danian.workloads.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.danian.framework.engine.Kernel;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.spi.ProcSpec;
import org.danian.workloads.netperf.HandshakeRateLimit;
import org.danian.workloads.protocol.NetperfWire;
import org.danian.workloads.server.HandlerCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The netperf server's echo-port limits on a live in-process kernel over loopback: one client
 * address holds at most its share, a refused handshake gets no reply and is counted, and ports
 * that stay idle past the timeout are given back to the next handshake; handshakes beyond the
 * rate limit get no reply either.
 */
class EchoPortLimitsTest {

    private static final InetSocketAddress ANY_LOOPBACK_PORT = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final int PER_CLIENT = 3;

    private final KernelUdpDriver driver = new KernelUdpDriver();
    private final Kernel kernel = EngineServers.startedKernel(driver);

    @AfterEach
    void stop() {
        kernel.stop();
        driver.close();
    }

    @Test
    void oneClientHoldsAtMostItsShareUntilItsPortsExpire() throws Exception {
        HandlerCounters counters = new HandlerCounters();
        long idle = TimeUnit.MILLISECONDS.toNanos(300);
        try (ServedWorkload server = NetperfServer.serve(kernel, ProcSpec.latencyCritical("netperf", 1),
                ANY_LOOPBACK_PORT, new EchoPortLeases(100, PER_CLIENT, idle), counters);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(2_000);
            assertEquals(PER_CLIENT, handshake(client, server.address(), PER_CLIENT), "the first handshake");
            assertEquals(PER_CLIENT, server.extraPortCount());

            client.setSoTimeout(500);
            assertEquals(0, handshake(client, server.address(), 1), "beyond the client's share: no reply");
            assertEquals(1, counters.snapshot().rejected());
            assertEquals(PER_CLIENT, server.extraPortCount(), "the refused handshake opened nothing");

            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(idle) + 200);
            client.setSoTimeout(2_000);
            assertEquals(2, handshake(client, server.address(), 2), "after the idle timeout the ports are back");
            assertEquals(2, server.extraPortCount(), "the idle ports were closed");
            long[] limits = server.extraPortLimits();
            assertEquals(PER_CLIENT, limits[0], "expired");
            assertTrue(limits[1] >= 1, "refused");
        }
    }

    @Test
    void handshakesBeyondTheBurstAreRefusedUntilTheBucketRefills() throws Exception {
        HandlerCounters counters = new HandlerCounters();
        // 2 at once, then one per 400 ms.
        HandshakeRateLimit limit = new HandshakeRateLimit(2.5, 2, System::nanoTime);
        try (ServedWorkload server = NetperfServer.serve(kernel, ProcSpec.latencyCritical("netperf", 1),
                ANY_LOOPBACK_PORT, new EchoPortLeases(100, 100, Long.MAX_VALUE), limit, counters);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout(2_000);
            assertEquals(1, handshake(client, server.address(), 1), "the first of the burst");
            assertEquals(1, handshake(client, server.address(), 1), "the second of the burst");
            client.setSoTimeout(200);
            assertEquals(0, handshake(client, server.address(), 1), "beyond the burst: no reply");
            assertEquals(1, counters.snapshot().rejected(), "the refusal is counted");
            assertEquals(1, limit.refused());
            assertEquals(2, server.extraPortCount(), "the refused handshake opened nothing");

            Thread.sleep(600);
            client.setSoTimeout(2_000);
            assertEquals(1, handshake(client, server.address(), 1), "a token came back");
        }
    }

    /** Sends a handshake for {@code nports}; returns the ports in the reply, 0 if none came. */
    private static int handshake(DatagramSocket client, InetSocketAddress server, int nports) throws Exception {
        ByteBuffer request = ByteBuffer.allocate(NetperfWire.CONTROL_REQUEST_SIZE);
        NetperfWire.writeControlRequest(request, nports);
        client.send(new DatagramPacket(request.array(), NetperfWire.CONTROL_REQUEST_SIZE, server));
        byte[] reply = new byte[2048];
        DatagramPacket received = new DatagramPacket(reply, reply.length);
        try {
            client.receive(received);
        } catch (SocketTimeoutException none) {
            return 0;
        }
        assertEquals(NetperfWire.controlReplySize(nports), received.getLength(), "the reply carries every port");
        return nports;
    }
}
