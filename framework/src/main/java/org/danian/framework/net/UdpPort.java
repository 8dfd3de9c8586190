package org.danian.framework.net;

import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import org.danian.spi.net.PacketSink;

/**
 * One open port of the kernel UDP driver: its non-blocking channel, its registration with the
 * driver's selector, and the sink its packets are steered to. The sink is volatile: attach and
 * detach come from control threads, the polling thread reads it once per packet.
 */
final class UdpPort {

    private final int port;
    private final DatagramChannel channel;
    private SelectionKey key;
    private volatile PacketSink sink;

    UdpPort(int port, DatagramChannel channel) {
        this.port = port;
        this.channel = channel;
    }

    int port() {
        return port;
    }

    DatagramChannel channel() {
        return channel;
    }

    void registered(SelectionKey selectionKey) {
        key = selectionKey;
    }

    /**
     * Polling thread: whether the selector reports this port ready ({@code OP_READ}) or not
     * (held back by backpressure). A port closed meanwhile is left as it is.
     */
    void watch(boolean on) {
        try {
            key.interestOps(on ? SelectionKey.OP_READ : 0);
        } catch (java.nio.channels.CancelledKeyException e) {
            // closed by close(port) meanwhile: nothing left to watch
        }
    }

    PacketSink sink() {
        return sink;
    }

    void sink(PacketSink newSink) {
        sink = newSink;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** Cancels the registration and closes the channel; safe to repeat. */
    void close() {
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (java.io.IOException e) {
            // Closing a datagram channel has nothing to flush; an error here leaves nothing to do.
        }
    }
}
