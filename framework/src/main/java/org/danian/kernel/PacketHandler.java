package org.danian.kernel;

import org.danian.spi.net.Packet;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A workload's request handling for the packets of one {@link PacketPort}: what runs, on a
 * kthread of the port's {@link LiveProc}, for each datagram the kernel's packet driver
 * delivered (Caladan OSDI'20 §4: the IOKernel steers a packet to its proc's receive queue and a
 * uthread of that proc handles it).
 *
 * <p><b>Caller and thread.</b> The kernel, on one of the proc's kthreads, several packets at
 * once on as many kthreads; an implementation keeps no per-packet state in fields.
 *
 * <p><b>What it must do.</b> Before returning, call exactly one of {@link Packet#reply()}
 * (after writing the reply into {@link Packet#payload()} and setting its limit) or {@link
 * Packet#release()}, and not touch the packet or its buffer after that call. One exception: a
 * long request that must give its core back ({@link Cede#requested()}) may queue its
 * remaining work with {@link Cede#continueWith} and return unanswered; the packet then
 * belongs to that continuation, which must answer it in the same way (on whichever of the
 * proc's kthreads runs it). Handing the packet to any other thread is not allowed.
 *
 * <p><b>What the kernel guarantees.</b> A handler that returns without answering (and without
 * a continuation), or throws before answering, does not leak the packet: the kernel releases
 * it and counts it as unanswered (and a throw also in {@link LiveProc#failedCount()}). The packet's payload holds the whole datagram,
 * position 0, limit its length.
 */
@ConsumerType
@FunctionalInterface
public interface PacketHandler {

    /**
     * Serves one packet; see the interface for the contract.
     *
     * @param packet the packet, owned by the handler until it replies or releases it
     */
    void handle(Packet packet);
}
