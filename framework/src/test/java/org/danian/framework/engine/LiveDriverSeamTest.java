package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.kernel.DriverStatus;
import org.danian.kernel.LiveProc;
import org.danian.kernel.PacketPort;
import org.danian.spi.ProcSpec;
import org.danian.spi.net.testing.InMemoryPacketDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live: a second packet driver, written against the SPI alone, plugs into the kernel with no
 * change to the kernel: selected by the {@code packetDriver} setting, polled by the loop, never
 * waited in (it cannot block), and let go of when its service leaves.
 */
class LiveDriverSeamTest {

    private static final InetSocketAddress CLIENT = new InetSocketAddress("198.18.0.2", 5000);

    private final InMemoryPacketDriver driver = new InMemoryPacketDriver();
    private final Kernel kernel = started(driver);

    private static Kernel started(InMemoryPacketDriver driver) {
        Kernel kernel = LiveFixture.unstarted(new RecordingLogger(), InMemoryPacketDriver.NAME);
        kernel.addPolicy(new LruTestPolicy("lru"));
        kernel.addDriver(new KernelUdpDriver(), KernelUdpDriver.NAME); // installed, not chosen
        kernel.addDriver(driver, InMemoryPacketDriver.NAME);
        kernel.start("lru", SimpleAllocationPolicy.NAME);
        return kernel;
    }

    @AfterEach
    void stop() {
        kernel.stop();
        driver.close();
    }

    @Test
    void theConfiguredDriverCarriesEveryRequestAndReply() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("echo", 2));
        PacketPort port = kernel.openPort(new InetSocketAddress(0), proc, packet -> {
            ByteBuffer payload = packet.payload();
            payload.putLong(0, payload.getLong(0) + 1);
            packet.reply();
        });
        assertEquals(40_000, port.port(), "the in-memory driver chose the port");
        int requests = 2_000;
        for (long i = 0; i < requests; i++) {
            driver.inject(port.port(), ByteBuffer.allocate(8).putLong(0, i).array(), CLIENT);
        }
        List<InMemoryPacketDriver.Reply> replies = new ArrayList<>();
        LiveFixture.await(() -> {
            replies.addAll(driver.takeReplies());
            return replies.size() == requests;
        },
                () -> replies.size() + " of " + requests + " replies; " + kernel.status().packets());
        Set<Long> answered = new HashSet<>();
        for (InMemoryPacketDriver.Reply reply : replies) {
            assertEquals(CLIENT, reply.remote());
            answered.add(ByteBuffer.wrap(reply.payload()).getLong(0) - 1);
        }
        assertEquals(requests, answered.size(), "each request answered once");
        DriverStatus status = kernel.status().packets();
        assertEquals(InMemoryPacketDriver.NAME, status.configured());
        assertTrue(status.installed());
        assertEquals(1, status.openPorts());
        assertEquals(requests, status.counters().delivered());
        assertEquals(requests, status.counters().sent());
        assertEquals(0, driver.awaitCalls(), "a driver that cannot block is never waited in");
        port.stopReceiving();
        proc.close();
        port.close();
        assertEquals(0, kernel.status().packets().openPorts());
    }

    /**
     * A driver may read files for its counters (the kernel UDP driver reads Linux's drop
     * table); a status poll, which tools make every fraction of a second, must not do that on
     * the scheduler thread, where it delayed every packet behind it by milliseconds.
     */
    @Test
    void theStatusReadsTheDriversCountersOffTheSchedulerThread() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("echo", 1));
        PacketPort port = kernel.openPort(new InetSocketAddress(0), proc, packet -> packet.reply());
        driver.inject(port.port(), new byte[8], CLIENT);
        LiveFixture.await(() -> kernel.status().packets().counters().sent() == 1, () -> "no reply");
        assertTrue(driver.countersReaders().contains(Thread.currentThread().getName()),
                "read on the caller's thread: " + driver.countersReaders());
        assertFalse(driver.countersReaders().contains("danian-scheduler"), driver.countersReaders().toString());
        port.close();
        proc.close();
    }

    @Test
    void aDriverThatLeavesIsLetGoOfAndPortsFailUntilOneIsBack() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("echo", 1));
        PacketPort port = kernel.openPort(new InetSocketAddress(0), proc, packet -> packet.release());

        kernel.removeDriver(driver);

        DriverStatus status = kernel.status().packets();
        assertFalse(status.installed());
        assertEquals(0, status.openPorts(), "its ports are forgotten");
        assertTrue(kernel.status().warnings().stream().anyMatch(w -> w.contains("'in-memory' is not installed")));
        IOException none = assertThrows(IOException.class,
                () -> kernel.openPort(new InetSocketAddress(0), proc, packet -> packet.release()));
        assertTrue(none.getMessage().contains("packet driver 'in-memory' is not installed"), none.getMessage());
        port.close(); // a port of a driver that left: nothing to do, no error

        kernel.addDriver(driver, InMemoryPacketDriver.NAME);
        assertTrue(kernel.status().packets().installed());
        PacketPort again = kernel.openPort(new InetSocketAddress(0), proc, packet -> packet.release());
        assertEquals(1, kernel.status().packets().openPorts());
        again.close();
        proc.close();
    }

    @Test
    void switchingTheConfiguredDriverMovesEveryPortToTheNewOneAndBack() throws Exception {
        InMemoryPacketDriver second = new InMemoryPacketDriver();
        kernel.addDriver(second, "second");
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("echo", 1));
        PacketPort port = kernel.openPort(new InetSocketAddress(0), proc, packet -> packet.reply());

        kernel.packetDriver("second");
        DriverStatus status = kernel.status().packets();
        assertEquals("second", status.configured());
        assertEquals("second", kernel.status().settings().packetDriver(), "the settings shown follow the switch");
        assertTrue(status.installed());
        assertEquals(1, status.openPorts(), "the port was opened again on the new driver");
        assertEquals(1, answers(second, port.port()), "the new driver carries the port's traffic");

        kernel.packetDriver(InMemoryPacketDriver.NAME);
        assertEquals(1, kernel.status().packets().openPorts());
        assertEquals(1, answers(driver, port.port()), "and the old one again, after switching back");
        port.close();
        proc.close();
        second.close();
    }

    @Test
    void aDriverThatLeavesAndComesBackGetsTheSamePortsAgain() throws Exception {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("echo", 1));
        PacketPort port = kernel.openPort(new InetSocketAddress(0), proc, packet -> packet.reply());
        kernel.removeDriver(driver);
        InMemoryPacketDriver restarted = new InMemoryPacketDriver(); // a restarted bundle's new service
        kernel.addDriver(restarted, InMemoryPacketDriver.NAME);
        assertEquals(1, kernel.status().packets().openPorts());
        assertEquals(1, answers(restarted, port.port()));
        port.close();
        proc.close();
        restarted.close();
    }

    /** Sends one request to {@code port} through {@code through}; returns how many replies came back. */
    private int answers(InMemoryPacketDriver through, int port) {
        through.inject(port, new byte[] {42}, CLIENT);
        List<InMemoryPacketDriver.Reply> replies = new ArrayList<>();
        LiveFixture.await(() -> {
            replies.addAll(through.takeReplies());
            return !replies.isEmpty();
        }, () -> "no reply on port " + port + "; " + kernel.status().packets());
        return replies.size();
    }
}
