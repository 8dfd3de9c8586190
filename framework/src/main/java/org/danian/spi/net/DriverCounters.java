package org.danian.spi.net;

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
        long transmitFailed) {

    /** All received datagrams that were dropped, whatever the reason. */
    public long dropped() {
        return malformed + truncated + oversized + unroutable + ingressFull + noBuffer;
    }
}
