package org.danian.framework.net;

import java.io.IOException;

/**
 * The kernel UDP driver's transmit path (see {@link KernelUdpDriver}): a reply leaves on the
 * thread that answers it (directpath; {@link java.nio.channels.DatagramChannel#send} is safe from
 * many threads), or with {@code kthreadsTransmit=false} queues on the buffers' reply ring for the
 * polling thread's {@link #flush}. Either way it is counted and its packet goes back to the pool.
 * Allocation-free; nothing the network does makes it throw.
 */
final class UdpTransmitter {

    private final UdpDriverConfig config;
    private final DriverStats stats;
    /** Set once by {@link #use}, before any packet exists (published by the driver's volatile buffers). */
    private UdpBuffers buffers;

    UdpTransmitter(UdpDriverConfig config, DriverStats stats) {
        this.config = config;
        this.stats = stats;
    }

    /** The buffers whose packets this sends; made after this, since they call back {@link #replied}. */
    void use(UdpBuffers made) {
        this.buffers = made;
    }

    /** Any thread, from {@link PooledPacket#reply}: send now (directpath) or queue for the flush. */
    void replied(PooledPacket packet) {
        if (config.kthreadsTransmit()) {
            transmit(packet);
        } else {
            buffers.queueReply(packet);
        }
    }

    /** Polling thread: sends the queued replies; returns how many left. */
    int flush() {
        int sentNow = 0;
        PooledPacket packet;
        while ((packet = buffers.takeReply()) != null) {
            if (transmit(packet)) {
                sentNow++;
            }
        }
        return sentNow;
    }

    /** Sends one reply, counts it, and returns its packet to the pool. Any thread. */
    private boolean transmit(PooledPacket packet) {
        boolean sent = sendReply(packet);
        DriverStats.add(sent ? stats.sent : stats.transmitFailed);
        buffers.recycle(packet);
        return sent;
    }

    private static boolean sendReply(PooledPacket packet) {
        UdpPort port = packet.port();
        if (!port.isOpen()) {
            return false;
        }
        try {
            return port.channel().send(packet.payload(), packet.remote()) > 0
                    || !packet.payload().hasRemaining(); // an empty reply is sent as 0 bytes
        } catch (IOException | RuntimeException e) {
            return false; // the kernel refused it (no route, port closed meanwhile)
        }
    }
}
