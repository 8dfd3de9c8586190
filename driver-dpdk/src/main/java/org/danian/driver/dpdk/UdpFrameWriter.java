package org.danian.driver.dpdk;

import static org.danian.driver.dpdk.NetworkMemory.checksum;
import static org.danian.driver.dpdk.NetworkMemory.onesComplementSum;
import static org.danian.driver.dpdk.NetworkMemory.putMac;
import static org.danian.driver.dpdk.NetworkMemory.putU16;
import static org.danian.driver.dpdk.NetworkMemory.putU32;
import static org.danian.driver.dpdk.NetworkMemory.putU8;

/**
 * Writes the Ethernet, IPv4 and UDP headers of a reply in front of a payload already in place
 * (RFC 791, RFC 768), with both checksums complete (RFC 1071, the UDP one over the pseudo
 * header): the receiving kernel verifies the UDP checksum of a frame that came from a DPDK port,
 * since no offload marks it as checked. Allocates nothing.
 */
final class UdpFrameWriter {

    /** Ethernet, a 20-byte IPv4 header and UDP: where the payload starts. */
    static final int HEADERS = UdpFrameParser.ETHERNET_HEADER + UdpFrameParser.IPV4_MIN_HEADER
            + UdpFrameParser.UDP_HEADER;
    private static final int TTL = 64;
    private static final int DONT_FRAGMENT = 0x4000;

    private UdpFrameWriter() {
    }

    /**
     * @param frame where the frame starts; its payload is at {@code frame + HEADERS}
     * @return the frame's length
     */
    static int write(long frame, long sourceMac, long destinationMac, int sourceIp, int destinationIp,
            int sourcePort, int destinationPort, int payloadLength, int identification) {
        putMac(frame, destinationMac);
        putMac(frame + 6, sourceMac);
        putU16(frame + 12, UdpFrameParser.ETHERTYPE_IPV4);
        long ip = frame + UdpFrameParser.ETHERNET_HEADER;
        int udpLength = UdpFrameParser.UDP_HEADER + payloadLength;
        putU8(ip, 0x45); // version 4, five 32-bit words of header
        putU8(ip + 1, 0);
        putU16(ip + 2, UdpFrameParser.IPV4_MIN_HEADER + udpLength);
        putU16(ip + 4, identification);
        putU16(ip + 6, DONT_FRAGMENT);
        putU8(ip + 8, TTL);
        putU8(ip + 9, UdpFrameParser.PROTOCOL_UDP);
        putU16(ip + 10, 0);
        putU32(ip + 12, sourceIp);
        putU32(ip + 16, destinationIp);
        putU16(ip + 10, checksum(onesComplementSum(ip, UdpFrameParser.IPV4_MIN_HEADER, 0)));
        long udp = ip + UdpFrameParser.IPV4_MIN_HEADER;
        putU16(udp, sourcePort);
        putU16(udp + 2, destinationPort);
        putU16(udp + 4, udpLength);
        putU16(udp + 6, 0);
        long pseudoHeader = (sourceIp >>> 16) + (sourceIp & 0xffff) + (destinationIp >>> 16)
                + (destinationIp & 0xffff) + UdpFrameParser.PROTOCOL_UDP + udpLength;
        int udpChecksum = checksum(onesComplementSum(udp, udpLength, pseudoHeader));
        putU16(udp + 6, udpChecksum == 0 ? 0xffff : udpChecksum); // 0 means "none" in UDP
        return HEADERS + payloadLength;
    }
}
