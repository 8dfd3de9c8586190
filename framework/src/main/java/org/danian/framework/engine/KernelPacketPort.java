package org.danian.framework.engine;

import java.net.InetSocketAddress;

import org.danian.kernel.LiveProc;
import org.danian.kernel.PacketPort;

/**
 * The {@link PacketPort} the kernel hands out: its two operations run on the scheduler thread
 * (the driver's polling thread), between two loop iterations, so that a detach takes effect
 * before the next poll and a close transmits every reply queued before it.
 */
final class KernelPacketPort implements PacketPort {

    private final Kernel kernel;
    private final int port;
    private final InetSocketAddress address;
    private final LiveProc proc;

    KernelPacketPort(Kernel kernel, int port, InetSocketAddress address, LiveProc proc) {
        this.kernel = kernel;
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
        kernel.onPackets(packets -> packets.detach(port));
    }

    @Override
    public void close() {
        kernel.onPackets(packets -> {
            packets.detach(port);
            packets.close(port);
        });
    }

    @Override
    public String toString() {
        return "packet port " + address + " of proc '" + proc.name() + "'";
    }
}
