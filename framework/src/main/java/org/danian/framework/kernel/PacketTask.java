package org.danian.framework.kernel;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.danian.framework.net.PacketRing;
import org.danian.kernel.PacketHandler;
import org.danian.spi.net.Packet;

/**
 * The ingress work of one delivered packet: the {@link Runnable} a proc's kthread runs, which
 * calls the port's {@link PacketHandler}, and the {@link Packet} the handler sees, a thin
 * stand-in for the driver's packet that notes whether it was answered. Pooled by
 * {@link KernelPackets} (one per driver packet, so the pool never runs dry before the driver's
 * does): delivering a packet allocates nothing.
 *
 * <p>Loaded by the polling thread before the proc's ingress queue hands it to a kthread (the
 * queue orders the writes before the run); run and returned to the pool by that kthread, whose
 * release store in the pool's ring orders its writes before the next load.
 */
final class PacketTask implements Runnable, Packet {

    private final PacketRing<PacketTask> pool;
    private final KernelPackets owner;
    private Packet packet;
    private PacketHandler handler;
    private boolean answered;

    PacketTask(PacketRing<PacketTask> pool, KernelPackets owner) {
        this.pool = pool;
        this.owner = owner;
    }

    /** Polling thread, on a task taken from the pool. */
    void load(Packet delivered, PacketHandler servedBy) {
        packet = delivered;
        handler = servedBy;
        answered = false;
    }

    /** Polling thread: the proc refused the task; back to the pool untouched. */
    void unload() {
        packet = null;
        handler = null;
        pool.offer(this);
    }

    @Override
    public void run() {
        try {
            handler.handle(this);
        } finally {
            if (!answered) {
                answered = true;
                packet.release(); // the handler broke its contract: do not leak the driver's buffer
                owner.countUnanswered();
            }
            unload();
        }
    }

    @Override
    public ByteBuffer payload() {
        return packet.payload();
    }

    @Override
    public int localPort() {
        return packet.localPort();
    }

    @Override
    public InetSocketAddress remote() {
        return packet.remote();
    }

    @Override
    public void reply() {
        answer();
        packet.reply();
    }

    @Override
    public void release() {
        answer();
        packet.release();
    }

    private void answer() {
        if (answered) {
            throw new IllegalStateException("packet on port " + packet.localPort() + " already answered");
        }
        answered = true;
    }
}
