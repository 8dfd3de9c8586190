package org.danian.framework.net;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.danian.spi.net.Packet;

/**
 * A packet of the kernel UDP driver: one direct buffer from the driver's pool, refilled for
 * each datagram it carries. Its fields are written by the polling thread before the packet is
 * offered to a sink, and read by the holder after the hand-over (the sink's queue orders the
 * two); the driver reads them again after {@link #reply}, through the transmit ring.
 */
final class PooledPacket implements Packet {

    private final UdpBuffers owner;
    private final ByteBuffer payload;
    private UdpPort port;
    private InetSocketAddress remote;
    /** Catches the common misuse, a second reply or release by the same holder. */
    private boolean held;

    PooledPacket(UdpBuffers owner, int capacity) {
        this.owner = owner;
        this.payload = ByteBuffer.allocateDirect(capacity);
    }

    /** Copies a received datagram in. Polling thread, while the packet is free. */
    void fill(UdpPort from, InetSocketAddress sender, ByteBuffer datagram) {
        port = from;
        remote = sender;
        payload.clear();
        payload.put(datagram);
        payload.flip();
        held = true;
    }

    UdpPort port() {
        return port;
    }

    /** Forgets the sender so a free packet keeps no address alive. */
    void clear() {
        port = null;
        remote = null;
        held = false;
    }

    @Override
    public ByteBuffer payload() {
        return payload;
    }

    @Override
    public int localPort() {
        return port.port();
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public void reply() {
        giveBack();
        payload.position(0);
        owner.replied(this);
    }

    @Override
    public void release() {
        giveBack();
        owner.recycle(this);
    }

    private void giveBack() {
        if (!held) {
            throw new IllegalStateException("packet already replied to or released (port "
                    + (port == null ? "none" : port.port()) + ")");
        }
        held = false;
    }
}
