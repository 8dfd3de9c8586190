package org.danian.spi.net;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A snapshot of a driver's counters since it was created. Every datagram the driver took
 * from the network is counted exactly once as delivered or in one drop reason, so
 * {@code received == delivered + dropped()} once the driver is quiescent (while it runs, a
 * snapshot may be caught between the two increments of one packet).
 *
 * @param received datagrams taken from the network (or the NIC)
 * @param delivered packets a sink accepted
 * @param sent replies transmitted
 * @param malformed dropped: headers that do not parse (a kernel-bypass driver parses Ethernet,
 *     IP and UDP itself; the kernel UDP driver never sees such packets, the kernel drops them)
 * @param truncated dropped: the datagram was longer than the driver's receive buffer, so only
 *     its beginning was received and its true length is unknown
 * @param oversized dropped: the datagram arrived whole but is longer than the largest payload
 *     a pooled packet buffer holds
 * @param unroutable dropped: no sink is attached to the destination port
 * @param ingressFull dropped: the sink refused the packet (its queue is full)
 * @param noBuffer dropped: every pooled packet was held by sinks, none was free to receive into
 * @param transmitFailed replies that could not be queued or sent
 * @param backpressured times the driver stopped taking a port's datagrams because its sink had
 *     no room or no pooled packet was free; the datagrams stayed in the network (not a drop)
 * @param systemDrops datagrams for the driver's ports that the operating system or the NIC
 *     dropped before the driver could take them (for sockets: the {@code drops} column of
 *     {@code /proc/net/udp} and {@code udp6}, the receive buffer overflowed); not in
 *     {@code received}, so not in {@link #dropped()}
 * @param badChecksum dropped: the UDP checksum is nonzero and wrong (RFC 768), found by the
 *     driver or reported so by the NIC (the kernel UDP driver never sees such datagrams)
 * @param driverSpecific further counters that only this driver keeps, by name, sorted (for a
 *     kernel-bypass driver: the frames it took from the NIC, ARP requests it answered, frames
 *     that carried no datagram for it); none of them is a datagram drop; empty if it keeps none
 */
public record DriverCounters(
        long received,
        long delivered,
        long sent,
        long malformed,
        long truncated,
        long oversized,
        long unroutable,
        long ingressFull,
        long noBuffer,
        long transmitFailed,
        long backpressured,
        long systemDrops,
        long badChecksum,
        Map<String, Long> driverSpecific) {

    /** Copies {@code driverSpecific}, unmodifiable and sorted by name; null is none. */
    public DriverCounters {
        driverSpecific = driverSpecific == null || driverSpecific.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new TreeMap<>(driverSpecific));
    }

    /** The counters of a driver written against version 1.2: no bad checksums, nothing specific. */
    public DriverCounters(long received, long delivered, long sent, long malformed, long truncated, long oversized,
            long unroutable, long ingressFull, long noBuffer, long transmitFailed, long backpressured,
            long systemDrops) {
        this(received, delivered, sent, malformed, truncated, oversized, unroutable, ingressFull, noBuffer,
                transmitFailed, backpressured, systemDrops, 0, Map.of());
    }

    /** The counters of a driver written against versions 1.0 and 1.1: no backpressure, no system drops. */
    public DriverCounters(long received, long delivered, long sent, long malformed, long truncated, long oversized,
            long unroutable, long ingressFull, long noBuffer, long transmitFailed) {
        this(received, delivered, sent, malformed, truncated, oversized, unroutable, ingressFull, noBuffer,
                transmitFailed, 0, 0, 0, Map.of());
    }

    /** All received datagrams that were dropped, whatever the reason. */
    public long dropped() {
        return malformed + truncated + oversized + unroutable + ingressFull + noBuffer + badChecksum;
    }
}
