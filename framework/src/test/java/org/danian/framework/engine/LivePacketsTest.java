package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashSet;
import java.util.Set;

import org.danian.framework.net.KernelUdpDriver;
import org.danian.kernel.Cede;
import org.danian.kernel.LiveProc;
import org.danian.kernel.PacketPort;
import org.danian.spi.ProcSpec;
import org.danian.spi.net.DriverCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's packet driver in the live loop: datagrams to an open port reach the proc's
 * kthreads (which hold no core until the packets ask for one), replies leave through the
 * driver, a port that stopped receiving counts what arrives as unroutable, and a handler that
 * does not answer cannot leak the driver's buffers.
 */
class LivePacketsTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final KernelUdpDriver driver = new KernelUdpDriver();
    private final Kernel kernel = LiveFixture.started(new RecordingLogger());

    LivePacketsTest() {
        kernel.addDriver(driver, KernelUdpDriver.NAME);
    }

    @AfterEach
    void stop() {
        kernel.stop();
        driver.close();
    }

    private DriverCounters counters() {
        return kernel.status().packets().counters();
    }

    private long unanswered() {
        return kernel.metrics().global().packetsUnanswered();
    }

    @Test
    void packetsReachTheProcsKthreadsAndTheRepliesLeaveThroughTheDriver() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("echo", 2));
        PacketPort port = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), proc, packet -> {
            assertTrue(Thread.currentThread().getName().startsWith("danian-echo-k"), Thread.currentThread().getName());
            packet.reply();
        });
        try (DatagramChannel client = client()) {
            Set<Long> answered = new HashSet<>();
            for (long i = 0; i < 200; i++) {
                client.send(ByteBuffer.allocate(16).putLong(0, i), port.address());
                answered.add(receive(client).getLong(0));
            }
            assertEquals(200, answered.size());
        }
        port.stopReceiving();
        proc.close();
        port.close();
        DriverCounters counters = counters();
        assertEquals(200, counters.received(), counters::toString);
        assertEquals(200, counters.delivered(), counters::toString);
        assertEquals(200, counters.sent(), counters::toString);
        assertEquals(200, proc.completedCount());
    }

    @Test
    void aPortThatStoppedReceivingCountsArrivalsAsUnroutableAndKeepsItsBinding() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("quiet", 1));
        PacketPort port = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), proc, packet -> packet.release());
        port.stopReceiving();
        try (DatagramChannel client = client()) {
            for (int i = 0; i < 5; i++) {
                client.send(ByteBuffer.allocate(8), port.address());
            }
            LiveFixture.await(() -> counters().unroutable() == 5, () -> counters().toString());
            assertThrows(IOException.class, () -> kernel.openPort(port.address(), proc, packet -> packet.release()),
                    "the port is still bound");
        }
        proc.close();
        port.close();
        assertEquals(0, proc.acceptedCount());
    }

    @Test
    void aHandlerThatNeitherRepliesNorReleasesCannotLeakTheDriversBuffers() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("leaky", 1));
        PacketPort port = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), proc, packet -> {
            if (packet.payload().get(0) == 1) {
                throw new IllegalStateException("a faulty handler");
            }
        });
        int datagrams = 3_000; // more than the driver's 1024 pooled packets
        try (DatagramChannel client = client()) {
            for (int i = 0; i < datagrams; i++) {
                client.send(ByteBuffer.wrap(new byte[] {(byte) (i & 1)}), port.address());
                if (i % 100 == 99) {
                    int sent = i + 1;
                    LiveFixture.await(() -> unanswered() == sent, () -> counters().toString());
                }
            }
        }
        assertEquals(datagrams, counters().delivered(), counters()::toString);
        assertEquals(datagrams / 2, proc.failedCount());
        port.close();
        proc.close();
    }

    @Test
    void aHandlerMayHandItsPacketToACedeContinuationWhichAnswersIt() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("ceding", 2));
        PacketPort port = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), proc,
                packet -> Cede.continueWith(() -> Cede.continueWith(packet::reply)));
        try (DatagramChannel client = client()) {
            for (long i = 0; i < 2_000; i++) { // twice the driver's pool: deferred tasks return to it
                client.send(ByteBuffer.allocate(8).putLong(0, i), port.address());
                assertEquals(i, receive(client).getLong(0));
            }
        }
        port.stopReceiving();
        proc.close();
        port.close();
        assertEquals(0, unanswered());
        assertEquals(0, proc.failedCount());
    }

    @Test
    void aProcOfAnotherKernelOrAClosedProcGetsNoPort() {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("gone", 1));
        proc.close();
        assertThrows(IllegalArgumentException.class,
                () -> kernel.openPort(new InetSocketAddress(LOOPBACK, 0), proc, packet -> packet.release()));
    }

    private static DatagramChannel client() throws IOException {
        DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
        client.socket().setSoTimeout(10_000);
        return client;
    }

    private static ByteBuffer receive(DatagramChannel client) throws IOException {
        ByteBuffer reply = ByteBuffer.allocate(64);
        // A blocking channel's receive ignores SO_TIMEOUT; the socket adaptor honours it.
        java.net.DatagramPacket packet = new java.net.DatagramPacket(reply.array(), reply.capacity());
        try {
            client.socket().receive(packet);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no reply within 10 s", e);
        }
        return ByteBuffer.wrap(packet.getData(), 0, packet.getLength());
    }
}
