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
    private final int ingressLimit;

    /** As below, with {@link PacketPath#PROC_INGRESS_LIMIT}. */
    ProcPacketSink(ProcRuntime runtime, PacketHandler handler, PacketRing<PacketTask> tasks,
                   HandOffCounters handOffs) {
        this(runtime, handler, tasks, handOffs, PacketPath.PROC_INGRESS_LIMIT);
    }

    /**
     * @param ingressLimit the most packets the proc's ingress queue may hold
     * @throws IllegalArgumentException if {@code ingressLimit} is not positive
     */
    ProcPacketSink(ProcRuntime runtime, PacketHandler handler, PacketRing<PacketTask> tasks,
                   HandOffCounters handOffs, int ingressLimit) {
        if (ingressLimit < 1) {
            throw new IllegalArgumentException("ingressLimit must be positive: " + ingressLimit);
        }
        this.ingressLimit = ingressLimit;
        this.runtime = runtime;
        this.handler = handler;
        this.tasks = tasks;
        this.handOffs = handOffs;
    }

    /**
     * Room while a packet task is free and the proc's ingress holds fewer than its limit: the
     * driver leaves the rest in the network (the socket buffer) until kthreads answer some.
     * The limit keeps one flooded proc from taking every pooled task, which would stop the
     * other procs' ports too. A closing proc has room: its packets are refused and counted,
     * not kept waiting for a proc that will not take them.
     */
    @Override
    public boolean hasRoom() {
        return runtime.isClosing() || (!tasks.isEmpty() && runtime.ingress().size() < ingressLimit);
    }

    /**
     * Refuses (the driver counts it as ingress-full) when the proc is closing, its ingress is
     * at its limit or no task is free.
     */
    @Override
    public boolean offer(Packet packet) {
        if (runtime.ingress().size() >= ingressLimit) {
            return false;
        }
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
