package org.danian.spi.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One received datagram, in a buffer the driver pools, and the means to answer it.
 *
 * <p><b>Ownership.</b> The driver creates no packet per datagram: a packet object and its
 * buffer are reused once released. Between {@link PacketSink#offer} accepting it and the one
 * call of {@link #reply} or {@link #release}, the packet belongs to its holder alone, which
 * may read and write its buffer on any one thread at a time. After that call the holder must
 * not touch the packet or its buffer again: the driver may already be filling it with the
 * next datagram. Handing it to another thread needs a happens-before edge (a concurrent
 * queue gives one), as for any object.
 */
@ProviderType
public interface Packet {

    /**
     * The datagram's payload (the UDP payload, without headers): position 0, limit the
     * payload length, capacity at least the driver's maximum payload. The holder may read it,
     * and may overwrite it in place to build the reply (a request/response server usually
     * does: echo, or patch a few fields).
     *
     * @return the same buffer for the packet's whole life; never {@code null}
     */
    ByteBuffer payload();

    /** The local port the datagram arrived on (its destination port). */
    int localPort();

    /**
     * The sender's address, where {@link #reply} sends to. Valid while the packet is held;
     * the driver may reuse the object for later packets from the same sender.
     */
    InetSocketAddress remote();

    /**
     * Queues the bytes between position 0 and the payload's current limit as a datagram
     * from {@link #localPort()} to {@link #remote()}, and gives the packet back to the driver.
     *
     * <p>Callable from any thread, once. It does not block and does not send by itself: the
     * driver transmits queued replies in a batch on its next {@link PacketDriver#flush}
     * (once per scheduler loop iteration), then reuses the buffer. A reply the driver cannot
     * queue or send (its transmit queue is full, the port was closed, the kernel refused it)
     * is counted in {@link DriverCounters#transmitFailed()}, never thrown.
     */
    void reply();

    /**
     * Gives the packet back to the driver without replying (the request expects no answer,
     * or it was malformed). Callable from any thread, once.
     */
    void release();
}
