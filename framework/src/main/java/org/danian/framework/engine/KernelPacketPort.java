package org.danian.framework.engine;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

import org.danian.kernel.LiveProc;
import org.danian.kernel.PacketPort;

/**
 * The {@link PacketPort} the kernel hands out: its two operations run on the scheduler thread
 * (the driver's polling thread), between two loop iterations, so that a detach takes effect
 * before the next poll and a close transmits every reply queued before it.
 */
final class KernelPacketPort implements PacketPort {

    private final Consumer<Consumer<PacketPath>> onScheduler;
    private final int port;
    private final InetSocketAddress address;
    private final LiveProc proc;

    /**
     * @param onScheduler runs an operation on the kernel's packet path on the scheduler
     *     thread, returning once done (or at once when the kernel has stopped)
     */
    KernelPacketPort(Consumer<Consumer<PacketPath>> onScheduler, int port, InetSocketAddress address, LiveProc proc) {
        this.onScheduler = onScheduler;
        this.port = port;
        this.address = address;
        this.proc = proc;
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public LiveProc proc() {
        return proc;
    }

    @Override
    public void stopReceiving() {
        onScheduler.accept(packets -> packets.detach(port));
    }

    @Override
    public void close() {
        onScheduler.accept(packets -> {
            packets.detach(port);
            packets.close(port);
        });
    }

    @Override
    public String toString() {
        return "packet port " + address + " of proc '" + proc.name() + "'";
    }
}
