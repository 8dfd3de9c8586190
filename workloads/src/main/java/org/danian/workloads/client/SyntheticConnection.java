package org.danian.workloads.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;
import org.danian.workloads.protocol.SyntheticWire;

/**
 * One open-loop connection of the synthetic client: a UDP socket, a sender thread that sends
 * each scheduled request at its time, and a receiver thread that timestamps each reply by the
 * index it carries. A request that cannot leave within 5 µs of its time is skipped ("Never
 * Sent", Caladan's {@code kMaxCatchUp}): sending it late would shift the load.
 */
final class SyntheticConnection {

    static final long MAX_LATENESS_NANOS = 5_000;
    /** Sleep until this close to a send, then spin: parking is not precise to microseconds. */
    private static final long SPIN_NANOS = 80_000;
    static final long NOT_SENT = -1;

    private final Schedule schedule;
    private final DatagramChannel channel;
    /** Send time of each request from the run's start, or {@link #NOT_SENT}. */
    final long[] sentAt;
    /** Reply time of each request from the run's start, or 0 when none came. */
    final long[] repliedAt;
    /** Replies that matched no request sent, or repeated one. */
    long unexpected;
    private Thread sender;
    private Thread receiver;

    SyntheticConnection(InetSocketAddress server, Schedule schedule) throws IOException {
        this.schedule = schedule;
        this.channel = DatagramChannel.open();
        this.channel.connect(server);
        this.sentAt = new long[schedule.size()];
        this.repliedAt = new long[schedule.size()];
        Arrays.fill(sentAt, NOT_SENT);
    }

    Schedule schedule() {
        return schedule;
    }

    /** Starts both threads; the first request is due at {@code startNanos} plus its offset. */
    void start(long startNanos, int id) {
        receiver = new Thread(() -> receive(startNanos), "synthetic-receive-" + id);
        sender = new Thread(() -> send(startNanos), "synthetic-send-" + id);
        receiver.setDaemon(true);
        sender.setDaemon(true);
        receiver.start();
        sender.start();
    }

    void awaitSent() throws InterruptedException {
        sender.join();
    }

    /** Closes the socket (replies still on their way are lost) and waits for the receiver. */
    void finish() throws InterruptedException, IOException {
        channel.close();
        if (receiver != null) {
            receiver.join();
        }
    }

    private void send(long startNanos) {
        ByteBuffer request = ByteBuffer.allocateDirect(SyntheticWire.SIZE);
        for (int i = 0; i < schedule.size(); i++) {
            long due = startNanos + schedule.targetNanos.get(i);
            waitUntil(due);
            if (System.nanoTime() - due > MAX_LATENESS_NANOS) {
                continue;
            }
            SyntheticWire.write(request, schedule.workIterations.get(i), i, schedule.randomness.get(i));
            request.clear();
            sentAt[i] = System.nanoTime() - startNanos;
            try {
                channel.write(request);
            } catch (IOException e) {
                sentAt[i] = NOT_SENT; // refused locally (ICMP unreachable, closed): it never left
                if (!channel.isOpen()) {
                    return;
                }
            }
        }
    }

    private static void waitUntil(long due) {
        long left;
        while ((left = due - System.nanoTime()) > SPIN_NANOS) {
            LockSupport.parkNanos(left - SPIN_NANOS);
        }
        while (System.nanoTime() < due) {
            Thread.onSpinWait();
        }
    }

    private void receive(long startNanos) {
        ByteBuffer reply = ByteBuffer.allocateDirect(64);
        while (true) {
            reply.clear();
            try {
                channel.read(reply);
            } catch (IOException e) {
                if (!channel.isOpen()) {
                    return; // finish() closed the socket
                }
                continue; // an ICMP error for an earlier datagram; keep listening
            }
            long now = System.nanoTime() - startNanos;
            reply.flip();
            if (reply.limit() != SyntheticWire.SIZE) {
                unexpected++;
                continue;
            }
            long index = SyntheticWire.index(reply);
            if (index < 0 || index >= repliedAt.length || repliedAt[(int) index] != 0) {
                unexpected++;
                continue;
            }
            repliedAt[(int) index] = Math.max(1, now);
        }
    }
}
