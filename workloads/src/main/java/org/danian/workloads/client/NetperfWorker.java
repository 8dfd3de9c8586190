package org.danian.workloads.client;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.CyclicBarrier;
import org.danian.workloads.protocol.NetperfWire;

/**
 * One closed-loop thread of the netperf client (Caladan's {@code ClientWorker}): send 32
 * bytes to its echo port, wait for them to come back, record the round trip, repeat until
 * the deadline. A reply that does not come within the timeout is counted as lost and the loop
 * goes on; a late reply to an earlier request is recognised by its index and skipped.
 */
final class NetperfWorker implements Runnable {

    private final DatagramSocket socket;
    private final CyclicBarrier start;
    private final long durationNanos;
    final LongList roundTrips = new LongList();
    long lost;
    long requests;
    Exception failure;

    NetperfWorker(InetSocketAddress echoPort, int timeoutMillis, CyclicBarrier start, long durationNanos)
            throws IOException {
        this.socket = new DatagramSocket();
        this.socket.connect(echoPort);
        this.socket.setSoTimeout(timeoutMillis);
        this.start = start;
        this.durationNanos = durationNanos;
    }

    @Override
    public void run() {
        byte[] out = new byte[NetperfWire.ECHO_SIZE];
        byte[] in = new byte[NetperfWire.ECHO_SIZE * 2];
        ByteBuffer request = ByteBuffer.wrap(out);
        DatagramPacket reply = new DatagramPacket(in, in.length);
        try {
            start.await();
            long deadline = System.nanoTime() + durationNanos;
            for (long index = 0; System.nanoTime() < deadline; index++) {
                NetperfWire.writeEcho(request, 0, index);
                long sent = System.nanoTime();
                socket.send(new DatagramPacket(out, out.length));
                requests++;
                if (awaitReply(reply, index)) {
                    roundTrips.add(System.nanoTime() - sent);
                } else {
                    lost++;
                }
            }
        } catch (Exception e) {
            failure = e;
        }
    }

    private boolean awaitReply(DatagramPacket reply, long index) throws IOException {
        while (true) {
            reply.setLength(reply.getData().length);
            try {
                socket.receive(reply);
            } catch (SocketTimeoutException e) {
                return false;
            }
            if (reply.getLength() == NetperfWire.ECHO_SIZE
                    && NetperfWire.echoIndex(ByteBuffer.wrap(reply.getData())) == index) {
                return true;
            }
        }
    }

    /** Tells the server to close this thread's echo port (Caladan sends the kill ten times). */
    void kill() {
        byte[] kill = new byte[NetperfWire.ECHO_SIZE];
        NetperfWire.writeEcho(ByteBuffer.wrap(kill), NetperfWire.KILL, 0);
        for (int i = 0; i < 10; i++) {
            try {
                socket.send(new DatagramPacket(kill, kill.length));
            } catch (IOException e) {
                break; // the port is already gone
            }
        }
        socket.close();
    }
}
