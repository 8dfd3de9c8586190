package org.danian.workloads.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import org.HdrHistogram.Histogram;
import org.danian.workloads.protocol.NetperfWire;

/**
 * One run of the netperf client at a given thread count: the control handshake (one echo port
 * per thread), the closed-loop threads, the kill messages, and the statistics, with the first
 * and last 1000 samples of each thread discarded as Caladan's client does.
 *
 * @param control the server's control address
 * @param durationSeconds how long the threads send
 * @param timeoutMillis how long a thread waits for one reply before counting it lost
 */
public record NetperfRun(InetSocketAddress control, double durationSeconds, int timeoutMillis) {

    /** Samples discarded at each end of each thread's run (Caladan's kDiscardSamples). */
    public static final int DISCARD = 1000;
    private static final int HANDSHAKE_ATTEMPTS = 5;

    /** Runs {@code threads} closed-loop threads and returns the result. */
    public NetperfResult run(int threads) throws IOException, InterruptedException {
        int[] ports = handshake(threads);
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        List<NetperfWorker> workers = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                NetperfWorker worker = new NetperfWorker(new InetSocketAddress(control.getAddress(), ports[i]),
                        timeoutMillis, start, (long) (durationSeconds * 1e9));
                workers.add(worker);
                Thread thread = new Thread(worker, "netperf-" + i);
                thread.setDaemon(true);
                running.add(thread);
                thread.start();
            }
            start.await();
            long began = System.nanoTime();
            for (Thread thread : running) {
                thread.join();
            }
            return reduce(threads, workers, System.nanoTime() - began);
        } catch (java.util.concurrent.BrokenBarrierException e) {
            throw new IllegalStateException("a netperf thread failed to start", e);
        } finally {
            for (NetperfWorker worker : workers) {
                worker.kill();
            }
        }
    }

    /** Caladan's handshake: ask for {@code threads} echo ports on the control port. */
    private int[] handshake(int threads) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.connect(control);
            socket.setSoTimeout(1000);
            byte[] request = new byte[NetperfWire.CONTROL_REQUEST_SIZE];
            NetperfWire.writeControlRequest(ByteBuffer.wrap(request), threads);
            byte[] reply = new byte[65536];
            DatagramPacket received = new DatagramPacket(reply, reply.length);
            for (int attempt = 0; attempt < HANDSHAKE_ATTEMPTS; attempt++) {
                socket.send(new DatagramPacket(request, request.length));
                try {
                    socket.receive(received);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                return ports(ByteBuffer.wrap(reply, 0, received.getLength()).slice(), threads);
            }
        }
        throw new IOException("no netperf handshake reply from " + control + " after "
                + HANDSHAKE_ATTEMPTS + " attempts");
    }

    private int[] ports(ByteBuffer reply, int threads) throws IOException {
        if (reply.limit() < NetperfWire.controlReplySize(threads) || NetperfWire.u32(reply, 0) != NetperfWire.MAGIC
                || NetperfWire.u32(reply, 4) != threads) {
            throw new IOException("invalid netperf handshake reply from " + control + " ("
                    + reply.limit() + " bytes)");
        }
        int[] ports = new int[threads];
        for (int i = 0; i < threads; i++) {
            ports[i] = NetperfWire.replyPort(reply, i);
        }
        return ports;
    }

    private NetperfResult reduce(int threads, List<NetperfWorker> workers, long elapsedNanos) throws IOException {
        Histogram histogram = Percentiles.newHistogram();
        long total = 0;
        long lost = 0;
        long min = Long.MAX_VALUE;
        long max = 0;
        double sum = 0;
        for (NetperfWorker worker : workers) {
            if (worker.failure != null) {
                throw new IOException("netperf thread failed: " + worker.failure, worker.failure);
            }
            total += worker.requests;
            lost += worker.lost;
            LongList samples = worker.roundTrips;
            if (samples.size() <= 2 * DISCARD) {
                throw new IOException("not enough samples: a thread got " + samples.size()
                        + " replies, more than " + 2 * DISCARD + " are needed; run longer");
            }
            for (int i = DISCARD; i < samples.size() - DISCARD; i++) {
                long value = samples.get(i);
                histogram.recordValue(value);
                min = Math.min(min, value);
                max = Math.max(max, value);
                sum += value;
            }
        }
        long n = histogram.getTotalCount();
        return new NetperfResult(threads, total * 1e9 / elapsedNanos, n, min / 1000.0, sum / n / 1000.0,
                Percentiles.micros(histogram, n, 90), Percentiles.micros(histogram, n, 99),
                Percentiles.micros(histogram, n, 99.9), Percentiles.micros(histogram, n, 99.99),
                max / 1000.0, total, lost, histogram);
    }
}
