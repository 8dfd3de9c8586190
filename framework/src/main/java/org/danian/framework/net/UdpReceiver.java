package org.danian.framework.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.danian.spi.net.Packet;
import org.danian.spi.net.PacketSink;

/**
 * The kernel UDP driver's receive path, on the polling thread: drains the channels the
 * selector reports ready into pooled packets and steers each to its port's sink, within one
 * burst, and applies backpressure (see {@link KernelUdpDriver}): a port whose sink has no room,
 * or that finds the pool empty, is left unread and unwatched until a later poll finds room.
 *
 * <p>Polling thread only; allocation-free (the list of held-back ports is sized once, for more
 * ports than a server opens at once, and only grows beyond that).
 */
final class UdpReceiver {

    private final UdpDriverConfig config;
    private final UdpBuffers buffers;
    private final DriverStats stats;
    /** Ports held back by backpressure. */
    private final List<UdpPort> stalled = new ArrayList<>(64);
    private final Consumer<SelectionKey> drainReady = this::drain;
    private int budget;

    UdpReceiver(UdpDriverConfig config, UdpBuffers buffers, DriverStats stats) {
        this.config = config;
        this.buffers = buffers;
        this.stats = stats;
    }

    /** The consumer a {@code select} hands each ready key to; {@link #startBurst()} first. */
    Consumer<SelectionKey> drainReady() {
        return drainReady;
    }

    /** Before a select: a fresh burst budget, and held-back ports with room watched again. */
    void startBurst() {
        budget = config.burst();
        resumeStalled();
    }

    /** After a select: how many datagrams the burst took. */
    int taken() {
        return config.burst() - budget;
    }

    /**
     * After a select: whether every ready socket was read until it was empty (the burst was not
     * used up and no port was held back by backpressure).
     */
    boolean drainedAll() {
        return budget > 0 && stalled.isEmpty();
    }

    /** Whether a port is held back, so that no datagram can end a select. */
    boolean holdingBack() {
        return !stalled.isEmpty();
    }

    /** Watches again the held-back ports that have room now. */
    private void resumeStalled() {
        for (int i = stalled.size() - 1; i >= 0; i--) {
            UdpPort port = stalled.get(i);
            if (!port.isOpen()) {
                stalled.remove(i);
            } else if (hasRoom(port)) {
                port.watch(true);
                stalled.remove(i);
            }
        }
    }

    /** Receives from one ready channel until it is empty or the burst is used up. */
    private void drain(SelectionKey key) {
        UdpPort port = (UdpPort) key.attachment();
        while (budget > 0) {
            if (!hasRoom(port)) {
                holdBack(port);
                return;
            }
            SocketAddress sender = receiveOne(port);
            if (sender == null) {
                return;
            }
            budget--;
            DriverStats.bump(stats.received);
            steer(port, (InetSocketAddress) sender);
        }
    }

    /**
     * Whether a datagram taken from {@code port} now could be delivered: a pooled packet is
     * free and the sink has room. A port without a sink has room (its datagrams are dropped
     * as unroutable: a stopped workload must not find stale requests when it comes back).
     */
    private boolean hasRoom(UdpPort port) {
        PacketSink sink = port.sink();
        return !buffers.poolEmpty() && (sink == null || sinkHasRoom(sink));
    }

    private static boolean sinkHasRoom(PacketSink sink) {
        try {
            return sink.hasRoom();
        } catch (RuntimeException e) {
            return true; // a sink that throws broke its contract; offer decides (and counts)
        }
    }

    /** Leaves the port's datagrams in its socket until {@link #resumeStalled} finds room. */
    private void holdBack(UdpPort port) {
        DriverStats.bump(stats.backpressured);
        port.watch(false);
        stalled.add(port);
    }

    /** One datagram into the scratch buffer, flipped; {@code null} if none is waiting. */
    private SocketAddress receiveOne(UdpPort port) {
        ByteBuffer scratch = buffers.scratch();
        scratch.clear();
        try {
            SocketAddress sender = port.channel().receive(scratch);
            scratch.flip();
            return sender;
        } catch (IOException e) {
            return null; // closed concurrently by close(port), or a pending socket error
        }
    }

    /** Delivers the datagram in the scratch buffer, or counts why it is dropped. */
    private void steer(UdpPort port, InetSocketAddress sender) {
        ByteBuffer scratch = buffers.scratch();
        int length = scratch.remaining();
        if (length >= config.receiveLimit()) {
            DriverStats.bump(stats.truncated);
            return;
        }
        if (length > config.maxPayload()) {
            DriverStats.bump(stats.oversized);
            return;
        }
        PacketSink sink = port.sink();
        if (sink == null) {
            DriverStats.bump(stats.unroutable);
            return;
        }
        PooledPacket packet = buffers.takeFree();
        if (packet == null) {
            DriverStats.bump(stats.noBuffer);
            return;
        }
        packet.fill(port, sender, scratch);
        if (offer(sink, packet)) {
            DriverStats.bump(stats.delivered);
        } else {
            DriverStats.bump(stats.ingressFull);
            buffers.recycle(packet);
        }
    }

    private static boolean offer(PacketSink sink, Packet packet) {
        try {
            return sink.offer(packet);
        } catch (RuntimeException e) {
            return false; // a sink that throws broke its contract; the packet counts as refused
        }
    }
}
