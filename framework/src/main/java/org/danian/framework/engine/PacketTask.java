package org.danian.framework.engine;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.net.PacketRing;
import org.danian.framework.runtime.KThreadRunner;
import org.danian.kernel.PacketHandler;
import org.danian.spi.net.Packet;

/**
 * The ingress work of one delivered packet: the {@link Runnable} a proc's kthread runs, which
 * calls the port's {@link PacketHandler}, and the {@link Packet} the handler sees, a thin
 * stand-in for the driver's packet that notes whether it was answered. Pooled by
 * {@link PacketPath} (more than any driver's packets, so the pool never runs dry before the
 * driver's does): delivering a packet allocates nothing.
 *
 * <h2>States</h2>
 * {@code HANDLING} from the load until the handler returns; an answer during the handler moves
 * it to {@code ANSWERED} and the run returns the task to the pool. A handler that returns
 * unanswered after queueing a continuation ({@code Cede.continueWith}) leaves it
 * {@code DEFERRED}: the continuation's answer, on whichever kthread runs it, returns the task.
 * A handler that returns unanswered without a continuation, or throws, broke its contract: the
 * run releases the driver's packet, counts it, and returns the task. The state is an atomic
 * integer moved by compare-and-set, because a continuation stolen by another kthread may
 * answer while the run is still finishing; the answer reaches the driver before the state
 * changes, so a returned task never has a pending answer.
 *
 * <p>The fields are written by the polling thread before the proc's ingress queue hands the
 * task to a kthread (the queue orders the writes), and by nobody else until the task is back in
 * the pool, whose ring orders the last reads before the next load.
 */
final class PacketTask implements Runnable, Packet {

    private static final int FREE = 0;
    private static final int HANDLING = 1;
    private static final int ANSWERED = 2;
    private static final int DEFERRED = 3;

    private final PacketRing<PacketTask> pool;
    private final KernelMetrics metrics;
    private final AtomicInteger state = new AtomicInteger(FREE);
    private Packet packet;
    private PacketHandler handler;

    PacketTask(PacketRing<PacketTask> pool, KernelMetrics metrics) {
        this.pool = pool;
        this.metrics = metrics;
    }

    /** Polling thread, on a task taken from the pool. */
    void load(Packet delivered, PacketHandler servedBy) {
        packet = delivered;
        handler = servedBy;
        state.set(HANDLING);
    }

    /** The proc refused the task, or its packet is answered: back to the pool. */
    void unload() {
        packet = null;
        handler = null;
        state.set(FREE);
        pool.offer(this);
    }

    @Override
    public void run() {
        KThreadRunner runner = KThreadRunner.current();
        long continuationsBefore = runner == null ? 0 : runner.continuationsQueued();
        try {
            handler.handle(this);
        } catch (RuntimeException | Error thrown) {
            if (state.compareAndSet(HANDLING, FREE)) {
                abandon();
            } else if (state.get() == ANSWERED) {
                unload();
            }
            throw thrown;
        }
        boolean deferred = runner != null && runner.continuationsQueued() != continuationsBefore;
        if (state.compareAndSet(HANDLING, DEFERRED)) {
            if (!deferred && state.compareAndSet(DEFERRED, FREE)) {
                abandon();
            }
        } else if (state.get() == ANSWERED) {
            unload();
        }
    }

    /** The handler broke its contract: do not leak the driver's buffer. */
    private void abandon() {
        packet.release();
        metrics.packetUnanswered();
        unload();
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
        Packet answered = claim();
        answered.reply();
        settle();
    }

    @Override
    public void release() {
        Packet answered = claim();
        answered.release();
        settle();
    }

    private Packet claim() {
        int now = state.get();
        Packet current = packet;
        if ((now != HANDLING && now != DEFERRED) || current == null) {
            throw new IllegalStateException("packet already answered"
                    + (current == null ? "" : " (port " + current.localPort() + ")"));
        }
        return current;
    }

    /** After the driver has the answer: the run returns the task, or (deferred) we do. */
    private void settle() {
        if (!state.compareAndSet(HANDLING, ANSWERED) && state.compareAndSet(DEFERRED, FREE)) {
            unload();
        }
    }
}
