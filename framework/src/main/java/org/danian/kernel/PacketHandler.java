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
 * Packet#release()}. It must not keep the packet or its buffer after that call, nor hand it
 * to another thread to answer later. It may take long (fake work) if it checks
 * {@link Cede#requested()} between steps.
 *
 * <p><b>What the kernel guarantees.</b> A handler that returns without answering, or throws,
 * does not leak the packet: the kernel releases it and counts it as unanswered (and a throw
 * also in {@link LiveProc#failedCount()}). The packet's payload holds the whole datagram,
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
