package org.danian.driver.dpdk;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import org.danian.spi.net.Packet;

/**
 * A packet of the DPDK driver: a pooled direct buffer the received payload is copied into
 * (the mbuf goes back to DPDK at once, so sinks never hold NIC buffers), with the sender's
 * Ethernet and IP addresses kept for the reply. The polling thread writes the fields before
 * offering the packet; the sink's queue orders that before the holder's reads, and the reply
 * ring orders the holder's writes before the polling thread transmits.
 */
final class DpdkPacket implements Packet {

    private final DpdkPacketPool owner;
    private final ByteBuffer payload;
    private final long payloadAddress;
    private int localPort;
    private long remoteMac;
    private int remoteIp;
    private int remotePort;
    private InetSocketAddress remote;
    /** Catches the common misuse, a second reply or release by the same holder. */
    private boolean held;

    DpdkPacket(DpdkPacketPool owner, int capacity) {
        this.owner = owner;
        this.payload = ByteBuffer.allocateDirect(capacity);
        this.payloadAddress = NetworkMemory.IO.getDirectBufferAddress(payload);
    }

    /** Polling thread, while the packet is free: takes in a datagram parsed by {@code frame}. */
    void fill(UdpFrameParser frame, InetSocketAddress sender) {
        NetworkMemory.IO.copyMemory(frame.payloadAddress, payloadAddress, frame.payloadLength);
        payload.clear().limit(frame.payloadLength);
        localPort = frame.localPort;
        remoteMac = frame.remoteMac;
        remoteIp = frame.remoteIp;
        remotePort = frame.remotePort;
        remote = sender;
        held = true;
    }

    long payloadAddress() {
        return payloadAddress;
    }

    long remoteMac() {
        return remoteMac;
    }

    int remoteIp() {
        return remoteIp;
    }

    int remotePort() {
        return remotePort;
    }

    /** Forgets the sender so a free packet keeps no address alive. */
    void clear() {
        remote = null;
        held = false;
    }

    @Override
    public ByteBuffer payload() {
        return payload;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public void reply() {
        giveBack();
        payload.position(0);
        owner.queueReply(this);
    }

    @Override
    public void release() {
        giveBack();
        owner.recycle(this);
    }

    private void giveBack() {
        if (!held) {
            throw new IllegalStateException("packet already replied to or released (port " + localPort + ")");
        }
        held = false;
    }
}
