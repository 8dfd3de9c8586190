package org.danian.driver.dpdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.Packet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The data path over {@link MemoryNic}: steering, replies, ARP, and every drop counted once. */
class DpdkPacketDriverTest {

    private final MemoryNic nic = new MemoryNic(64);
    private final TestFrames frames = new TestFrames();
    private final DpdkPacketDriver driver = new DpdkPacketDriver(nic, TestFrames.DRIVER_IP,
            new DpdkPacketDriver.Sizes(256, 4, 8));
    private final ArrayDeque<Packet> held = new ArrayDeque<>();

    @AfterEach
    void countersAddUp() {
        DriverCounters counters = driver.counters();
        assertEquals(counters.received(), counters.delivered() + counters.dropped(), counters.toString());
        long[] frameCounts = FrameCounts.of(driver.counters());
        assertEquals(frameCounts[0], counters.received() + frameCounts[1] + frameCounts[2], "frames counted once");
        driver.close();
        assertTrue(nic.closed);
    }

    private int openHolding(int port) throws IOException {
        int opened = driver.open(new InetSocketAddress(port));
        driver.attach(opened, held::add);
        return opened;
    }

    @Test
    void aDatagramIsDeliveredAndItsReplyLeavesWithSwappedAddresses() throws IOException {
        int port = openHolding(7000);
        byte[] payload = {10, 20, 30, 40, 50};
        assertTrue(nic.inject(frames.buffer, frames.datagram(port, payload), 1));
        assertEquals(1, driver.poll());
        Packet packet = held.remove();
        assertEquals(port, packet.localPort());
        assertEquals(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, 1}),
                TestFrames.CLIENT_PORT), packet.remote());
        byte[] read = new byte[packet.payload().remaining()];
        packet.payload().get(read);
        assertArrayEquals(payload, read);
        packet.payload().put(0, (byte) 99);
        packet.reply();
        assertEquals(1, driver.flush());
        assertEquals(1, nic.transmitted());
        UdpFrameParser reply = new UdpFrameParser();
        assertEquals(UdpFrameParser.DATAGRAM, reply.parse(nic.transmittedFrame(0), nic.transmittedLength(0), false,
                TestFrames.CLIENT_IP, MbufLayout.L4_CHECKSUM_UNKNOWN), "the reply parses at the client, IP checksum included");
        assertEquals(TestFrames.CLIENT_PORT, reply.localPort);
        assertEquals(port, reply.remotePort);
        assertEquals(TestFrames.DRIVER_IP, reply.remoteIp);
        assertEquals(MemoryNic.MAC, reply.remoteMac);
        assertEquals(TestFrames.CLIENT_MAC, NetworkMemory.mac(nic.transmittedFrame(0)));
        assertEquals(99, NetworkMemory.u8(reply.payloadAddress));
        assertEquals(5, reply.payloadLength);
        DriverCounters counters = driver.counters();
        assertEquals(1, counters.received());
        assertEquals(1, counters.delivered());
        assertEquals(1, counters.sent());
    }

    @Test
    void anArpRequestForOurAddressIsAnsweredNotCountedAsADatagram() {
        assertTrue(nic.inject(frames.buffer, frames.arpRequest(TestFrames.DRIVER_IP), 1));
        assertTrue(nic.inject(frames.buffer, frames.arpRequest(TestFrames.DRIVER_IP + 5), 1));
        assertEquals(0, driver.poll());
        assertEquals(1, nic.transmitted());
        assertEquals(2, NetworkMemory.u16(nic.transmittedFrame(0) + 20));
        assertEquals(0, driver.counters().received());
        assertArrayEquals(new long[] {2, 1, 1, 0}, FrameCounts.of(driver.counters()));
    }

    @Test
    void aWrongUdpChecksumIsCountedAsBadAndAZeroOneAccepted() throws IOException {
        int port = openHolding(7000);
        int length = frames.datagram(port, new byte[] {1, 2, 3, 4});
        inject(length); // complete and right: delivered
        frames.put8(42, 9); // a payload byte changed under the checksum
        inject(length);
        frames.put16(40, 0); // no checksum (RFC 768): delivered unchecked
        inject(length);
        driver.poll();
        frames.put16(40, 0x1234); // wrong again, but the NIC verified the data (partial checksum)
        assertTrue(nic.inject(frames.buffer, length, 1, MemoryNic.L4_NONE));
        assertTrue(nic.inject(frames.buffer, length, 1, MemoryNic.L4_GOOD));
        frames.datagram(port, new byte[] {1, 2, 3, 4}); // right, yet the NIC found it wrong
        assertTrue(nic.inject(frames.buffer, length, 1, MemoryNic.L4_BAD));
        driver.poll();
        DriverCounters counters = driver.counters();
        assertEquals(6, counters.received());
        assertEquals(4, counters.delivered());
        assertEquals(2, counters.badChecksum(), counters.toString());
        assertEquals(2, counters.dropped());
        held.forEach(Packet::release);
    }

    @Test
    void eachDropReasonIsCounted() throws IOException {
        int port = openHolding(7000);
        int detached = driver.open(new InetSocketAddress(7001));
        inject(frames.datagram(7002, new byte[4])); // no port
        inject(frames.datagram(detached, new byte[4])); // open, no sink
        inject(frames.datagram(port, new byte[257])); // over maxPayload 256
        int length = frames.datagram(port, new byte[4]);
        inject(length - 2); // cut short
        frames.put8(14, 0x46); // IHL 6: the checksum no longer covers the header
        inject(length);
        driver.poll();
        for (int i = 0; i < 5; i++) { // 4 packets in the pool: the fifth finds none
            inject(frames.datagram(port, new byte[4]));
        }
        driver.poll();
        held.forEach(Packet::release);
        driver.attach(port, packet -> false);
        inject(frames.datagram(port, new byte[4]));
        driver.poll();
        DriverCounters counters = driver.counters();
        assertEquals(11, counters.received());
        assertEquals(2, counters.unroutable(), "the closed port and the detached one");
        assertEquals(1, counters.oversized());
        assertEquals(1, counters.truncated());
        assertEquals(1, counters.malformed());
        assertEquals(4, counters.delivered());
        assertEquals(1, counters.noBuffer());
        assertEquals(1, counters.ingressFull());
        assertEquals(0, counters.badChecksum());
        assertEquals(64, nic.freeMbufs(), "every received mbuf went back to the pool");
    }

    @Test
    void repliesThatCannotLeaveAreCountedAsFailed() throws IOException {
        int port = openHolding(0);
        assertTrue(port >= DpdkPorts.EPHEMERAL_FIRST, "an ephemeral port: " + port);
        for (int i = 0; i < 3; i++) {
            inject(frames.datagram(port, new byte[4]));
        }
        driver.poll();
        held.remove().reply();
        nic.allocationFails = true;
        assertEquals(0, driver.flush());
        nic.allocationFails = false;
        nic.transmitLimit = 0;
        held.remove().reply();
        assertEquals(0, driver.flush());
        nic.transmitLimit = Integer.MAX_VALUE;
        Packet last = held.remove();
        driver.close(port);
        last.reply();
        assertEquals(0, driver.flush(), "its port closed meanwhile");
        assertEquals(3, driver.counters().transmitFailed());
        assertEquals(64, nic.freeMbufs(), "no mbuf leaked on a failed transmit");
        assertThrows(IllegalStateException.class, last::release, "a packet is given back once");
    }

    @Test
    void portsAreCheckedAndOnlyOurAddressBinds() throws IOException {
        int port = driver.open(new InetSocketAddress(InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, 2}), 7100));
        assertEquals(7100, port);
        assertThrows(IllegalStateException.class, () -> driver.open(new InetSocketAddress(7100)));
        assertThrows(BindException.class, () -> driver.open(new InetSocketAddress(
                InetAddress.getByAddress(new byte[] {(byte) 198, 18, 0, 9}), 7101)));
        assertThrows(IllegalArgumentException.class, () -> driver.attach(7102, held::add));
        assertNotEquals(driver.open(new InetSocketAddress(0)), driver.open(new InetSocketAddress(0)));
        assertArrayEquals(new int[] {7100, DpdkPorts.EPHEMERAL_FIRST, DpdkPorts.EPHEMERAL_FIRST + 1},
                driver.openPorts());
    }

    private void inject(int length) {
        assertTrue(nic.inject(frames.buffer, length, 1));
    }
}
