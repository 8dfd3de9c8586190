package org.danian.spi.net;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a driver delivers the packets for one destination port: in a running system, the
 * ingress queue of the proc that serves the port (Caladan's per-kthread receive queue, whose
 * age feeds the proc's queueing delay, OSDI'20 §4.1).
 */
@ConsumerType
public interface PacketSink {

    /**
     * Takes a packet that arrived for the port this sink is attached to.
     *
     * <p><b>Caller and thread.</b> The driver, from {@link PacketDriver#poll}, on the thread
     * that polls the driver (the scheduler loop, or a kthread that took over its role, see
     * {@link PacketDriver#kthreadPollLingerNanos()}). Never concurrently with itself for one
     * driver.
     *
     * <p><b>What the sink must do.</b> Return quickly: it must not block, sleep, do the
     * request's work, or call back into the driver's {@code poll}/{@code flush}. To accept,
     * it keeps the packet (typically in a queue a kthread drains) and returns {@code true};
     * from then on it owns the packet and must eventually call {@link Packet#reply} or
     * {@link Packet#release} exactly once, from any thread. To refuse (its queue is full, it
     * is shutting down), it returns {@code false} without touching the packet: the driver
     * counts the packet in {@link DriverCounters#ingressFull()} and reuses its buffer.
     * Throwing is a contract breach; the driver counts the packet as refused and releases it.
     *
     * @param packet a packet whose {@link Packet#localPort()} is the port this sink is
     *     attached to
     * @return {@code true} if the sink took ownership of the packet
     */
    boolean offer(Packet packet);

    /**
     * Whether {@link #offer} would accept a packet now. The driver asks before it takes a
     * datagram from the network: while the answer is false it leaves the port's datagrams
     * where they are (the socket's receive buffer, the NIC ring), so a burst waits instead of
     * being dropped, and asks again at its next poll. Same caller and thread as {@link #offer};
     * must be cheap and must not block. A true answer is a hint, not a promise: {@code offer}
     * may still refuse.
     *
     * <p>The default, for sinks written against versions 1.0 and 1.1, is true (the driver
     * takes every datagram and counts the refused ones).
     */
    default boolean hasRoom() {
        return true;
    }
}
