package org.danian.workloads.baseline;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.danian.workloads.protocol.SockperfWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.Outcome;

/**
 * One listening UDP socket of a baseline server: a receive thread that copies each datagram
 * and submits it to the shared pool, where the handler runs and the reply is sent to the
 * sender's address. A full pool queue drops the datagram, counted as overloaded.
 *
 * <p>Stopping is in two steps so that a server can answer what it already accepted: {@link
 * #stopReceiving} ends the receive loop (within one socket timeout) but keeps the socket open
 * for replies; {@link #close} then closes it.
 */
final class UdpEndpoint implements AutoCloseable {

    /** How often a blocked receive wakes up to see whether it should stop. */
    private static final int RECEIVE_TIMEOUT_MILLIS = 50;
    /** Larger than any UDP payload, so the length of an oversized datagram is seen whole. */
    private static final int RECEIVE_BUFFER = SockperfWire.MAX_UDP_MESSAGE + 1;

    private final DatagramSocket socket;
    private final DatagramHandler handler;
    private final Executor pool;
    private final HandlerCounters counters;
    private final Thread receiver;
    private volatile boolean receiving = true;

    UdpEndpoint(DatagramSocket socket, DatagramHandler handler, Executor pool, HandlerCounters counters)
            throws SocketException {
        this.socket = socket;
        this.handler = handler;
        this.pool = pool;
        this.counters = counters;
        socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
        this.receiver = new Thread(this::receiveLoop, "baseline-receive-" + socket.getLocalPort());
        this.receiver.setDaemon(true);
    }

    void start() {
        receiver.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    private void receiveLoop() {
        byte[] buffer = new byte[RECEIVE_BUFFER];
        DatagramPacket received = new DatagramPacket(buffer, buffer.length);
        while (receiving) {
            try {
                received.setLength(buffer.length);
                socket.receive(received);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return; // the socket was closed (a netperf kill, or the server stopping)
            }
            submit(copyOf(received));
        }
    }

    private static DatagramPacket copyOf(DatagramPacket received) {
        int length = received.getLength();
        byte[] copy = Arrays.copyOf(received.getData(), Math.max(length, DatagramHandler.MIN_CAPACITY));
        return new DatagramPacket(copy, length, received.getSocketAddress());
    }

    private void submit(DatagramPacket request) {
        try {
            pool.execute(() -> serve(request));
        } catch (RejectedExecutionException e) {
            counters.count(Outcome.OVERLOADED);
        }
    }

    private void serve(DatagramPacket request) {
        ByteBuffer datagram = ByteBuffer.wrap(request.getData());
        datagram.limit(request.getLength());
        int length = handler.handle(datagram);
        if (length == DatagramHandler.NO_REPLY) {
            return;
        }
        request.setData(request.getData(), 0, length);
        try {
            socket.send(request);
        } catch (IOException e) {
            // The socket closed under an in-flight reply (a netperf kill); the client is gone.
        }
    }

    /** Ends the receive loop and waits for it; the socket stays open for in-flight replies. */
    void stopReceiving() throws InterruptedException {
        receiving = false;
        if (receiver.isAlive() && receiver != Thread.currentThread()) {
            receiver.join();
        }
    }

    /** Closes the socket; a blocked receive returns at once. Safe to repeat, from any thread. */
    @Override
    public void close() {
        receiving = false;
        socket.close();
    }
}
