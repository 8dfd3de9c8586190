package org.danian.workloads.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.danian.workloads.protocol.NetperfWire;
import org.danian.workloads.protocol.SockperfWire;
import org.danian.workloads.protocol.SyntheticWire;
import org.danian.workloads.server.Outcome;
import org.junit.jupiter.api.Test;

/**
 * 10⁵ datagrams, random and malformed interleaved with valid requests, over real loopback UDP
 * to each baseline server: every valid request is answered, nothing else is, the server keeps
 * serving to the end, and its counters account for every datagram with the expected reason.
 */
class BaselineFuzzTest {

    private static final int DATAGRAMS = 100_000;
    private static final int BATCH = 100;
    private static final long MAX_WORK = 10_000;
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void syntheticServerAnswersEveryValidRequestAndCountsEveryDrop() throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_501);
        long[] ids = {0};
        try (BaselineService server = BaselineService.start(Workload.SYNTHETIC, ANY_LOOPBACK_PORT, 2, MAX_WORK);
                FuzzHarness harness = new FuzzHarness(server.address())) {
            for (int sent = 0; sent < DATAGRAMS; sent += BATCH) {
                harness.sendBatch(BATCH, () -> FuzzTraffic.synthetic(random, ids[0]++, MAX_WORK),
                        SyntheticWire::index);
            }
            harness.assertCountersAddUp(server::stats);
        }
    }

    @Test
    void netperfServerAnswersEveryValidRequestAndCountsEveryDrop() throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_502);
        long[] ids = {1};
        try (BaselineService server = BaselineService.start(Workload.NETPERF, ANY_LOOPBACK_PORT, 2, MAX_WORK);
                FuzzHarness harness = new FuzzHarness(server.address())) {
            for (int sent = 0; sent < DATAGRAMS; sent += BATCH) {
                harness.sendBatch(BATCH, () -> FuzzTraffic.sockperf(random, ids[0]++), SockperfWire::sequence);
                if (sent % (DATAGRAMS / 10) == 0) {
                    handshakeEchoAndKill(server, harness);
                }
            }
            harness.assertCountersAddUp(server::stats);
        }
    }

    /** A netperf handshake for one port, one echo through it, and the kill that closes it. */
    private static void handshakeEchoAndKill(BaselineService server, FuzzHarness harness)
            throws IOException, InterruptedException {
        byte[] request = new byte[NetperfWire.CONTROL_REQUEST_SIZE];
        NetperfWire.writeControlRequest(ByteBuffer.wrap(request), 1);
        harness.socket().send(new DatagramPacket(request, request.length, server.address()));
        byte[] reply = new byte[64];
        DatagramPacket received = new DatagramPacket(reply, reply.length);
        harness.socket().receive(received);
        assertEquals(NetperfWire.controlReplySize(1), received.getLength());
        int port = NetperfWire.replyPort(ByteBuffer.wrap(reply), 0);
        InetSocketAddress echoPort = new InetSocketAddress(server.address().getAddress(), port);

        byte[] echo = new byte[NetperfWire.ECHO_SIZE];
        NetperfWire.writeEcho(ByteBuffer.wrap(echo), 0, 4242);
        harness.socket().send(new DatagramPacket(echo, echo.length, echoPort));
        received.setLength(reply.length);
        harness.socket().receive(received);
        assertEquals(4242, NetperfWire.echoIndex(ByteBuffer.wrap(reply)));

        NetperfWire.writeEcho(ByteBuffer.wrap(echo), NetperfWire.KILL, 0);
        harness.socket().send(new DatagramPacket(echo, echo.length, echoPort));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.echoPortCount() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertTrue(server.echoPortCount() == 0, "the kill closed the echo port");
        harness.countExtra(Outcome.REPLIED);
        harness.countExtra(Outcome.REPLIED);
        harness.countExtra(Outcome.IGNORED);
    }
}
