package org.danian.workloads.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.danian.workloads.protocol.NetperfWire;
import org.danian.workloads.server.HandlerStats;
import org.danian.workloads.server.Outcome;

/**
 * Sends fuzz traffic to a server in batches small enough for the socket buffers (so the kernel
 * drops nothing), waits after each batch for the reply to every valid request, and fails on a
 * missing reply or on any reply it did not expect.
 */
public final class FuzzHarness implements AutoCloseable {

    private final DatagramSocket socket;
    private final InetSocketAddress server;
    private final Map<Outcome, Long> expected = new EnumMap<>(Outcome.class);
    private long sent;

    public FuzzHarness(InetSocketAddress server) throws IOException {
        this.server = server;
        this.socket = new DatagramSocket(new InetSocketAddress(server.getAddress(), 0));
        this.socket.setSoTimeout(5000);
    }

    /**
     * Sends {@code batch} datagrams from {@code traffic} and checks their replies.
     *
     * @param replyId the id a reply carries, to match it with its request
     */
    public void sendBatch(int batch, Supplier<FuzzTraffic.Datagram> traffic, ToLongFunction<ByteBuffer> replyId)
            throws IOException {
        Map<Long, byte[]> awaited = new HashMap<>();
        for (int i = 0; i < batch; i++) {
            FuzzTraffic.Datagram datagram = traffic.get();
            socket.send(new DatagramPacket(datagram.bytes(), datagram.bytes().length, server));
            sent++;
            expected.merge(datagram.expected(), 1L, Long::sum);
            if (datagram.expected() == Outcome.REPLIED) {
                awaited.put(datagram.id(), datagram.bytes());
            }
        }
        byte[] buffer = new byte[65536];
        while (!awaited.isEmpty()) {
            DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                fail(awaited.size() + " valid requests unanswered, ids " + awaited.keySet());
            }
            long id = replyId.applyAsLong(ByteBuffer.wrap(buffer, 0, reply.getLength()).slice());
            byte[] request = awaited.remove(id);
            assertTrue(request != null, "unexpected reply, id " + id);
            assertEquals(request.length, reply.getLength(), "reply length for id " + id);
        }
    }

    /** Waits until the server has counted every datagram, then compares outcome by outcome. */
    public void assertCountersAddUp(Supplier<HandlerStats> stats) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (stats.get().received() < sent && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        HandlerStats counted = stats.get();
        assertEquals(sent, counted.received(), "every datagram sent is counted once: " + counted);
        assertEquals(expected.getOrDefault(Outcome.REPLIED, 0L), counted.replied(), counted.toString());
        assertEquals(expected.getOrDefault(Outcome.IGNORED, 0L), counted.ignored(), counted.toString());
        assertEquals(expected.getOrDefault(Outcome.MALFORMED, 0L), counted.malformed(), counted.toString());
        assertEquals(expected.getOrDefault(Outcome.OVERSIZED, 0L), counted.oversized(), counted.toString());
        assertEquals(expected.getOrDefault(Outcome.REJECTED, 0L), counted.rejected(), counted.toString());
        assertEquals(0, counted.overloaded(), counted.toString());
        assertEquals(sent, counted.replied() + counted.ignored() + counted.dropped());
    }


    /**
     * A netperf handshake for one echo port on {@code control}, one echo through it, and the
     * kill that closes it; waits (5 s at most) until {@code openEchoPorts} reports it closed,
     * and counts the three datagrams so that {@link #assertCountersAddUp} still adds up.
     */
    public void handshakeEchoAndKill(InetSocketAddress control, IntSupplier openEchoPorts)
            throws IOException, InterruptedException {
        byte[] request = new byte[NetperfWire.CONTROL_REQUEST_SIZE];
        NetperfWire.writeControlRequest(ByteBuffer.wrap(request), 1);
        socket.send(new DatagramPacket(request, request.length, control));
        byte[] reply = new byte[64];
        DatagramPacket received = new DatagramPacket(reply, reply.length);
        socket.receive(received);
        assertEquals(NetperfWire.controlReplySize(1), received.getLength());
        int port = NetperfWire.replyPort(ByteBuffer.wrap(reply), 0);
        InetSocketAddress echoPort = new InetSocketAddress(control.getAddress(), port);

        byte[] echo = new byte[NetperfWire.ECHO_SIZE];
        NetperfWire.writeEcho(ByteBuffer.wrap(echo), 0, 4242);
        socket.send(new DatagramPacket(echo, echo.length, echoPort));
        received.setLength(reply.length);
        socket.receive(received);
        assertEquals(4242, NetperfWire.echoIndex(ByteBuffer.wrap(reply)));

        NetperfWire.writeEcho(ByteBuffer.wrap(echo), NetperfWire.KILL, 0);
        socket.send(new DatagramPacket(echo, echo.length, echoPort));
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (openEchoPorts.getAsInt() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(0, openEchoPorts.getAsInt(), "the kill closed the echo port");
        countExtra(Outcome.REPLIED);
        countExtra(Outcome.REPLIED);
        countExtra(Outcome.IGNORED);
    }

    /** Counts an extra exchange done outside the batches (a handshake, an echo, a kill). */
    public void countExtra(Outcome outcome) {
        sent++;
        expected.merge(outcome, 1L, Long::sum);
    }

    public DatagramSocket socket() {
        return socket;
    }

    @Override
    public void close() {
        socket.close();
    }
}
