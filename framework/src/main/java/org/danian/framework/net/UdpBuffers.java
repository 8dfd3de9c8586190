package org.danian.framework.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Selector;
import java.util.function.Consumer;

/**
 * What the kernel UDP driver allocates once it serves a port: the selector its ports register
 * with, the scratch buffer every datagram is first received into, the pool of packets, and the
 * ring of replies waiting for the next flush (when replies are not sent by the answering thread). Both rings hold the whole pool, so returning a
 * packet or queueing a reply never fails. Made once; afterwards nothing here allocates.
 *
 * <p>Threads: the selector and scratch buffer belong to the polling thread; {@link #queueReply}
 * and {@link #recycle} come from any thread (kthreads answering packets), through
 * {@link PacketRing}'s ordering.
 */
final class UdpBuffers {

    private final Selector selector;
    private final ByteBuffer scratch;
    private final PacketRing<PooledPacket> free;
    private final PacketRing<PooledPacket> transmit;
    private final Consumer<PooledPacket> onReply;

    /** @param onReply what {@link PooledPacket#reply} does with the answered packet (any thread) */
    UdpBuffers(UdpDriverConfig config, Selector selector, Consumer<PooledPacket> onReply) {
        this.selector = selector;
        this.onReply = onReply;
        this.scratch = ByteBuffer.allocateDirect(config.receiveLimit());
        this.free = new PacketRing<>(config.poolSize());
        this.transmit = new PacketRing<>(config.poolSize());
        for (int i = 0; i < config.poolSize(); i++) {
            free.offer(new PooledPacket(this, config.maxPayload()));
        }
    }

    Selector selector() {
        return selector;
    }

    /** Polling thread: the buffer each datagram is received into before it is copied. */
    ByteBuffer scratch() {
        return scratch;
    }

    /** Polling thread: a free packet, or null if sinks hold them all. */
    PooledPacket takeFree() {
        return free.poll();
    }

    /** Polling thread: whether every pooled packet is held (a hint, see {@link PacketRing#isEmpty}). */
    boolean poolEmpty() {
        return free.isEmpty();
    }

    /** Any thread: an answered packet, sent at once or queued as the driver is configured. */
    void replied(PooledPacket packet) {
        onReply.accept(packet);
    }

    /** Polling thread: the oldest reply waiting to be sent, or null. */
    PooledPacket takeReply() {
        return transmit.poll();
    }

    /** Any thread: a reply to transmit at the next flush. */
    void queueReply(PooledPacket packet) {
        transmit.offer(packet);
    }

    /** Any thread: returns a packet to the pool. */
    void recycle(PooledPacket packet) {
        packet.clear();
        free.offer(packet);
    }

    void closeSelector() {
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing is left registered; a failure to close the epoll descriptor changes nothing.
        }
    }
}
