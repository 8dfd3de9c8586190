package org.danian.workloads.service;

import java.nio.ByteBuffer;
import org.danian.kernel.Cede;
import org.danian.kernel.PacketHandler;
import org.danian.spi.net.Packet;
import org.danian.workloads.protocol.SyntheticWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.synthetic.StridedMemWork;
import org.danian.workloads.synthetic.SyntheticHandler;

/**
 * The synthetic server's requests on the engine: the checks and the reply of
 * {@link SyntheticHandler}, with the stridedmem work run here in chunks of
 * {@link StridedMemWork#CHUNK} iterations and the engine's cooperative preemption between
 * chunks (preemption in Java is cooperative, see {@link org.danian.kernel.Cede}; Caladan's runtime preempts a uthread the same way at its
 * {@code cede} points). When the kthread is asked to give its core back, the rest of the
 * request becomes a continuation ({@link Cede#continueWith}) that owns the packet and resumes
 * where the work stopped, on whichever kthread of the proc gets to it; only such a ceded
 * request allocates (its continuation).
 *
 * <p>Why not {@link StridedMemWork}'s own cede hook: a hook called inside the work loop can
 * only block to give the core back, and a kthread blocked mid-task could be passed over by the
 * thread picker for as long as its siblings find work (see {@link Cede}).
 */
final class SyntheticPacketHandler implements PacketHandler {

    private final SyntheticHandler requests;
    private final StridedMemWork work;
    /** Written so that the work's loads are used; racy writes are fine, nobody reads it. */
    @SuppressWarnings("unused")
    private long folded;

    SyntheticPacketHandler(SyntheticHandler requests, StridedMemWork work) {
        this.requests = requests;
        this.work = work;
    }

    @Override
    public void handle(Packet packet) {
        ByteBuffer request = packet.payload();
        long iterations = requests.admit(request);
        if (iterations == DatagramHandler.NO_REPLY) {
            packet.release();
            return;
        }
        int offset = (int) Long.remainderUnsigned(SyntheticWire.randomness(request), StridedMemWork.BUFFER_SIZE);
        resume(packet, iterations, offset);
    }

    /** Works until done (then replies) or until asked to cede (then leaves a continuation). */
    private void resume(Packet packet, long iterations, int startOffset) {
        long left = iterations;
        int offset = startOffset;
        while (left > 0) {
            int chunk = (int) Math.min(left, StridedMemWork.CHUNK);
            folded = work.work(chunk, offset);
            offset = (int) ((offset + (long) StridedMemWork.STRIDE * chunk) % StridedMemWork.BUFFER_SIZE);
            left -= chunk;
            if (left > 0 && Cede.requested()) {
                long remaining = left;
                int from = offset;
                Cede.continueWith(() -> resume(packet, remaining, from));
                return;
            }
        }
        ByteBuffer reply = packet.payload();
        reply.limit(requests.complete(reply));
        packet.reply();
    }
}
