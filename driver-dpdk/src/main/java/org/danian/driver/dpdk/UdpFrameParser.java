package org.danian.driver.dpdk;

import static org.danian.driver.dpdk.NetworkMemory.checksum;
import static org.danian.driver.dpdk.NetworkMemory.mac;
import static org.danian.driver.dpdk.NetworkMemory.onesComplementSum;
import static org.danian.driver.dpdk.NetworkMemory.u16;
import static org.danian.driver.dpdk.NetworkMemory.u32;
import static org.danian.driver.dpdk.NetworkMemory.u8;

/**
 * Classifies one received Ethernet frame, in place in native memory, and for a UDP datagram to
 * the driver's address keeps where its payload lies and who sent it (Ethernet II, IEEE 802.3;
 * IPv4, RFC 791; UDP, RFC 768; ARP, RFC 826).
 *
 * <p>What counts as what: a frame that is not IPv4 or ARP, IPv4 to another address or of
 * another protocol, and ARP other than a request for our address, is {@link #OTHER}, traffic
 * that carries no datagram for this host (IPv6 neighbour discovery, say); it is not a received
 * datagram. For IPv4 to our address: a header that breaks RFC 791 or RFC 768 (version, header
 * length, header checksum, total or UDP length inconsistent, port 0) is {@link #MALFORMED}, and
 * so is a fragment, since the driver reassembles nothing; a datagram longer than the frame
 * holds, or spread over several segments, is {@link #TRUNCATED}.
 *
 * <p>The UDP checksum (RFC 768, over the pseudo header; RFC 1071) is checked unless it is zero
 * (the sender computed none, which IPv4 allows) or the receive offload flags settle it: the NIC
 * found it right ({@code RTE_MBUF_F_RX_L4_CKSUM_GOOD}), or it is partial but the data's
 * integrity was verified ({@code RTE_MBUF_F_RX_L4_CKSUM_NONE}). If the NIC found it wrong
 * ({@code _BAD}), or says nothing ({@code _UNKNOWN}, as DPDK's af_packet and tap devices do)
 * and the sum does not hold, the datagram is {@link #BAD_CHECKSUM}. So a sender on the same
 * host whose kernel leaves the checksum partial (transmit checksum offload on a veth) has its
 * datagrams dropped as bad: turn that offload off on its interface ({@code ethtool -K IFACE tx
 * off}). The replies' checksums are always complete.
 *
 * <p>One instance per polling thread: its fields are the last datagram's, overwritten by the
 * next {@link #parse}. Allocates nothing.
 */
final class UdpFrameParser {

    static final int DATAGRAM = 0;
    static final int ARP_REQUEST = 1;
    static final int OTHER = 2;
    static final int MALFORMED = 3;
    static final int TRUNCATED = 4;
    static final int BAD_CHECKSUM = 5;

    static final int ETHERNET_HEADER = 14;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_ARP = 0x0806;
    static final int IPV4_MIN_HEADER = 20;
    static final int UDP_HEADER = 8;
    static final int PROTOCOL_UDP = 17;
    static final int ARP_LENGTH = 28;

    long payloadAddress;
    int payloadLength;
    long remoteMac;
    int remoteIp;
    int remotePort;
    int localPort;

    /**
     * @param frame the frame's first byte (the Ethernet destination)
     * @param length the bytes of the frame in this segment
     * @param segmented whether the frame continues in further segments
     * @param ourIp the driver's IPv4 address
     * @param l4Checksum what the NIC says of the L4 checksum, one of {@code MbufLayout.L4_CHECKSUM_*}
     * @return one of {@link #DATAGRAM}, {@link #ARP_REQUEST}, {@link #OTHER}, {@link #MALFORMED},
     *     {@link #TRUNCATED}, {@link #BAD_CHECKSUM}
     */
    int parse(long frame, int length, boolean segmented, int ourIp, int l4Checksum) {
        if (length < ETHERNET_HEADER) {
            return MALFORMED;
        }
        int etherType = u16(frame + 12);
        if (etherType == ETHERTYPE_ARP) {
            return isArpRequestFor(frame, length, ourIp) ? ARP_REQUEST : OTHER;
        }
        if (etherType != ETHERTYPE_IPV4) {
            return OTHER;
        }
        long ip = frame + ETHERNET_HEADER;
        int available = length - ETHERNET_HEADER;
        if (available < IPV4_MIN_HEADER) {
            return MALFORMED;
        }
        int versionAndLength = u8(ip);
        int headerLength = (versionAndLength & 0x0f) * 4;
        if (versionAndLength >>> 4 != 4 || headerLength < IPV4_MIN_HEADER || headerLength > available) {
            return MALFORMED;
        }
        if (u32(ip + 16) != ourIp || u8(ip + 9) != PROTOCOL_UDP) {
            return OTHER;
        }
        return parseUdp(frame, ip, headerLength, available, segmented, l4Checksum);
    }

    private int parseUdp(long frame, long ip, int headerLength, int available, boolean segmented, int l4Checksum) {
        int totalLength = u16(ip + 2);
        if (checksum(onesComplementSum(ip, headerLength, 0)) != 0
                || totalLength < headerLength + UDP_HEADER
                || (u16(ip + 6) & 0x3fff) != 0) { // MF set or a fragment offset: a fragment
            return MALFORMED;
        }
        if (segmented || totalLength > available) {
            return TRUNCATED;
        }
        long udp = ip + headerLength;
        int udpLength = u16(udp + 4);
        int destinationPort = u16(udp + 2);
        if (udpLength < UDP_HEADER || udpLength > totalLength - headerLength || destinationPort == 0) {
            return MALFORMED;
        }
        if (u16(udp + 6) != 0 && l4Checksum != MbufLayout.L4_CHECKSUM_GOOD
                && l4Checksum != MbufLayout.L4_CHECKSUM_NONE
                && (l4Checksum == MbufLayout.L4_CHECKSUM_BAD || !udpChecksumHolds(ip, udp, udpLength))) {
            return BAD_CHECKSUM;
        }
        payloadAddress = udp + UDP_HEADER;
        payloadLength = udpLength - UDP_HEADER;
        remoteMac = mac(frame + 6);
        remoteIp = u32(ip + 12);
        remotePort = u16(udp);
        localPort = destinationPort;
        return DATAGRAM;
    }

    /** Whether the one's-complement sum over the pseudo header and the datagram is all ones (RFC 768). */
    private static boolean udpChecksumHolds(long ip, long udp, int udpLength) {
        long source = u32(ip + 12) & 0xffffffffL;
        long destination = u32(ip + 16) & 0xffffffffL;
        long pseudoHeader = (source >>> 16) + (source & 0xffff) + (destination >>> 16) + (destination & 0xffff)
                + PROTOCOL_UDP + udpLength;
        return checksum(onesComplementSum(udp, udpLength, pseudoHeader)) == 0;
    }

    /** An Ethernet/IPv4 ARP request (operation 1) whose target protocol address is ours. */
    private static boolean isArpRequestFor(long frame, int length, int ourIp) {
        if (length < ETHERNET_HEADER + ARP_LENGTH) {
            return false;
        }
        long arp = frame + ETHERNET_HEADER;
        return u16(arp) == 1 && u16(arp + 2) == ETHERTYPE_IPV4 && u8(arp + 4) == 6 && u8(arp + 5) == 4
                && u16(arp + 6) == 1 && u32(arp + 24) == ourIp;
    }
}
