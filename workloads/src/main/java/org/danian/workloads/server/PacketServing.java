package org.danian.workloads.server;

import org.danian.spi.net.Packet;

/**
 * Runs a handler on a packet from a {@link org.danian.spi.net.PacketDriver}: the request is the
 * packet's payload, the reply is built in the same pooled buffer and queued with
 * {@link Packet#reply()}, and the packet is released when there is nothing to send. No copy,
 * no allocation. Called by whichever thread serves the packet (a kthread of the proc).
 */
public final class PacketServing {

    private PacketServing() {
    }

    public static void serve(DatagramHandler handler, Packet packet) {
        complete(packet, handler.handle(packet.payload()));
    }

    /**
     * Sends the reply a handler built in the packet's payload, or releases the packet.
     *
     * @param length the handler's answer: the reply's length, or {@link DatagramHandler#NO_REPLY}
     */
    public static void complete(Packet packet, int length) {
        if (length == DatagramHandler.NO_REPLY) {
            packet.release();
        } else {
            packet.payload().limit(length);
            packet.reply();
        }
    }
}
