package org.danian.driver.dpdk;

import static org.danian.driver.dpdk.NetworkMemory.IO;

/**
 * Frames for the data-path tests, built in one native scratch buffer: a client's UDP datagram
 * (written with {@link UdpFrameWriter}, whose checksums the tests check independently) and an
 * ARP request.
 */
final class TestFrames {

    static final int DRIVER_IP = 0xC612_0002; // 198.18.0.2
    static final int CLIENT_IP = 0xC612_0001; // 198.18.0.1
    static final long CLIENT_MAC = 0x02_00_00_00_00_AAL;
    static final int CLIENT_PORT = 40000;

    final long buffer = IO.allocateMemory(4096, true);

    /** A datagram from the client to {@code port} carrying {@code payload}; returns its length. */
    int datagram(int port, byte[] payload) {
        IO.putByteArray(buffer + UdpFrameWriter.HEADERS, payload, 0, payload.length);
        return UdpFrameWriter.write(buffer, CLIENT_MAC, MemoryNic.MAC, CLIENT_IP, DRIVER_IP, CLIENT_PORT, port,
                payload.length, 7);
    }

    /** An ARP request from the client for {@code target}; returns its length (42). */
    int arpRequest(int target) {
        NetworkMemory.putMac(buffer, 0xFFFF_FFFF_FFFFL);
        NetworkMemory.putMac(buffer + 6, CLIENT_MAC);
        NetworkMemory.putU16(buffer + 12, 0x0806);
        long arp = buffer + 14;
        NetworkMemory.putU16(arp, 1);
        NetworkMemory.putU16(arp + 2, 0x0800);
        NetworkMemory.putU8(arp + 4, 6);
        NetworkMemory.putU8(arp + 5, 4);
        NetworkMemory.putU16(arp + 6, 1);
        NetworkMemory.putMac(arp + 8, CLIENT_MAC);
        NetworkMemory.putU32(arp + 14, CLIENT_IP);
        NetworkMemory.putMac(arp + 18, 0);
        NetworkMemory.putU32(arp + 24, target);
        return 42;
    }

    /** Byte {@code offset} of the frame. */
    int u8(int offset) {
        return NetworkMemory.u8(buffer + offset);
    }

    void put8(int offset, int value) {
        NetworkMemory.putU8(buffer + offset, value);
    }

    void put16(int offset, int value) {
        NetworkMemory.putU16(buffer + offset, value);
    }

    /** Recomputes the IPv4 header checksum after a test changed a header field. */
    void fixIpChecksum() {
        put16(24, 0);
        put16(24, NetworkMemory.checksum(NetworkMemory.onesComplementSum(buffer + 14, 20, 0)));
    }
}
