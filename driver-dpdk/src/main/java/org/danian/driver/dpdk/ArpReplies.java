package org.danian.driver.dpdk;

import static org.danian.driver.dpdk.NetworkMemory.mac;
import static org.danian.driver.dpdk.NetworkMemory.putMac;
import static org.danian.driver.dpdk.NetworkMemory.putU16;
import static org.danian.driver.dpdk.NetworkMemory.putU32;
import static org.danian.driver.dpdk.NetworkMemory.u32;

/**
 * Turns an ARP request for the driver's address into its reply, in place in the request's own
 * buffer (RFC 826, "Packet Reception": swap sender and target, fill in our hardware address,
 * set the operation to reply). The driver owns its IPv4 address on a port the kernel does not
 * see, so nobody else would answer; without the reply, a client would need a static neighbour
 * entry.
 */
final class ArpReplies {

    private ArpReplies() {
    }

    /** Rewrites the request at {@code frame} (checked by {@link UdpFrameParser}) as the reply. */
    static void answerInPlace(long frame, long ourMac, int ourIp) {
        long arp = frame + UdpFrameParser.ETHERNET_HEADER;
        long requesterMac = mac(arp + 8);
        int requesterIp = u32(arp + 14);
        putMac(frame, requesterMac);
        putMac(frame + 6, ourMac);
        putU16(arp + 6, 2);
        putMac(arp + 8, ourMac);
        putU32(arp + 14, ourIp);
        putMac(arp + 18, requesterMac);
        putU32(arp + 24, requesterIp);
    }
}
