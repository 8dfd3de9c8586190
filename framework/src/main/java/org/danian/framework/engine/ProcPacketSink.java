package org.danian.framework.engine;

import org.danian.framework.metrics.HandOffCounters;
import org.danian.framework.net.PacketRing;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.kernel.PacketHandler;
import org.danian.spi.net.Packet;
import org.danian.spi.net.PacketSink;

/**
 * Where the driver delivers one port's packets: the ingress queue of the port's proc (Caladan
 * OSDI'20 §4.1: the receive queue whose age is part of the proc's queueing delay). Runs on the
 * polling thread; allocation-free: the work item is a pooled {@link PacketTask}, and the
 * ingress queue's ring holds it (only a backlog beyond the ring's 32 slots allocates a node).
 */
final class ProcPacketSink implements PacketSink {

    private final ProcRuntime runtime;
    private final PacketHandler handler;
    private final PacketRing<PacketTask> tasks;
    private final HandOffCounters handOffs;

    ProcPacketSink(ProcRuntime runtime, PacketHandler handler, PacketRing<PacketTask> tasks,
                   HandOffCounters handOffs) {
        this.runtime = runtime;
        this.handler = handler;
        this.tasks = tasks;
        this.handOffs = handOffs;
    }

    /**
     * Room while a packet task is free: the proc's ingress holds at most the kernel's
     * {@link PacketPath#TASKS} packets, and the driver leaves the rest in the network until
     * kthreads answer some. A closing proc has room: its packets are refused and counted, not
     * kept waiting for a proc that will not take them.
     */
    @Override
    public boolean hasRoom() {
        return runtime.isClosing() || !tasks.isEmpty();
    }

    /** Refuses (the driver counts it as ingress-full) when the proc is closing or no task is free. */
    @Override
    public boolean offer(Packet packet) {
        PacketTask task = tasks.poll();
        if (task == null) {
            return false;
        }
        task.load(packet, handler);
        if (runtime.tryIngress(task)) {
            handOffs.request();
            return true;
        }
        task.unload();
        return false;
    }
}
