package org.danian.driver.dpdk;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;
import org.danian.spi.net.Packet;
import org.danian.spi.net.PacketSink;

/**
 * The driver's UDP ports: one slot per port number, so steering a datagram is one array read
 * (a map keyed by a boxed port would allocate for ports above 127). A slot is null while the
 * port is closed, {@link #DETACHED} while it is open without a sink, and the sink otherwise.
 *
 * <p>Threads: the polling thread reads slots; control methods write them from any thread. The
 * array's volatile reads and writes order a sink's publication before its first packet; opening
 * and closing are synchronized so that two opens cannot take the same port.
 */
final class DpdkPorts {

    /** The first port an ephemeral request may get (IANA's dynamic range, RFC 6335). */
    static final int EPHEMERAL_FIRST = 49152;
    private static final int PORTS = 65536;

    /** An open port's slot before a sink is attached or after it is detached. */
    static final PacketSink DETACHED = new PacketSink() {
        @Override
        public boolean offer(Packet packet) {
            return false;
        }
    };

    private final AtomicReferenceArray<PacketSink> slots = new AtomicReferenceArray<>(PORTS);
    private int nextEphemeral = EPHEMERAL_FIRST;

    /**
     * Opens {@code port}, or an ephemeral port if it is 0.
     *
     * @throws IllegalStateException if the port is already open, or no ephemeral port is free
     */
    synchronized int open(int port) {
        if (port < 0 || port >= PORTS) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        int chosen = port == 0 ? freeEphemeral() : port;
        if (slots.get(chosen) != null) {
            throw new IllegalStateException("port already open: " + chosen);
        }
        slots.set(chosen, DETACHED);
        return chosen;
    }

    private int freeEphemeral() {
        for (int tried = 0; tried < PORTS - EPHEMERAL_FIRST; tried++) {
            int candidate = nextEphemeral;
            nextEphemeral = candidate == PORTS - 1 ? EPHEMERAL_FIRST : candidate + 1;
            if (slots.get(candidate) == null) {
                return candidate;
            }
        }
        throw new IllegalStateException("no ephemeral port is free (" + EPHEMERAL_FIRST + "-" + (PORTS - 1) + ")");
    }

    /** Replaces the sink of an open port ({@link #DETACHED} to detach). */
    synchronized void sink(int port, PacketSink sink) {
        if (port < 0 || port >= PORTS || slots.get(port) == null) {
            throw new IllegalArgumentException("port is not open: " + port);
        }
        slots.set(port, sink);
    }

    /** Closes a port; returns whether it was open. */
    synchronized boolean close(int port) {
        if (port < 0 || port >= PORTS || slots.get(port) == null) {
            return false;
        }
        slots.set(port, null);
        return true;
    }

    /** Polling thread: the port's sink, {@link #DETACHED}, or null if the port is closed. */
    PacketSink sink(int port) {
        return slots.get(port);
    }

    boolean isOpen(int port) {
        return slots.get(port) != null;
    }

    /** The open ports, ascending (status and tests; allocates). */
    synchronized int[] open() {
        return IntStream.range(1, PORTS).filter(port -> slots.get(port) != null).toArray();
    }
}
