package org.danian.spi.net.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.Packet;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.net.PacketSink;

/**
 * A packet driver with no network: a test {@link #inject injects} datagrams, the kernel's
 * loop polls them like a NIC ring, and the replies handlers send are kept for the test to
 * {@link #takeReplies take}. Like a kernel-bypass NIC it cannot block ({@link #canBlock()} is
 * false), so the loop busy-polls it. It exists to show that a driver plugs into the kernel
 * through the SPI alone; a driver author may start from it. Allocates per packet: it is for
 * tests, not for measuring.
 */
public final class InMemoryPacketDriver implements PacketDriver {

    /** The name under which tests register it. */
    public static final String NAME = "in-memory";

    private final java.util.Set<String> countersReaders = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The names of the threads that have read {@link #counters()}. */
    public java.util.Set<String> countersReaders() {
        return java.util.Set.copyOf(countersReaders);
    }

    /** A datagram sent by a handler: the port it left from, the payload, where it went. */
    public record Reply(int localPort, byte[] payload, InetSocketAddress remote) {
    }

    private record Datagram(int port, byte[] payload, InetSocketAddress remote) {
    }

    private final Map<Integer, PacketSink> sinks = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> open = new ConcurrentHashMap<>();
    private final Queue<Datagram> arriving = new ConcurrentLinkedQueue<>();
    private final Queue<Reply> queued = new ConcurrentLinkedQueue<>();
    private final Queue<Reply> sent = new ConcurrentLinkedQueue<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong unroutable = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong transmitted = new AtomicLong();
    private final AtomicLong awaits = new AtomicLong();
    private int nextPort = 40_000;
    private volatile boolean closed;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public synchronized int open(InetSocketAddress local) throws IOException {
        if (closed) {
            throw new IllegalStateException("driver is closed; cannot open " + local);
        }
        int port = local.getPort() == 0 ? nextPort++ : local.getPort();
        if (open.putIfAbsent(port, Boolean.TRUE) != null) {
            throw new IllegalStateException("port already open: " + port);
        }
        return port;
    }

    @Override
    public void attach(int port, PacketSink sink) {
        requireOpen(port);
        sinks.put(port, sink);
    }

    @Override
    public void detach(int port) {
        requireOpen(port);
        sinks.remove(port);
    }

    @Override
    public void close(int port) {
        sinks.remove(port);
        open.remove(port);
    }

    private void requireOpen(int port) {
        if (!open.containsKey(port)) {
            throw new IllegalArgumentException("port is not open: " + port);
        }
    }

    /** Any thread: a datagram from {@code remote} arrives for {@code port} (received at the next poll). */
    public void inject(int port, byte[] payload, InetSocketAddress remote) {
        arriving.add(new Datagram(port, payload.clone(), remote));
    }

    @Override
    public int poll() {
        int count = 0;
        for (Datagram datagram = arriving.poll(); datagram != null; datagram = arriving.poll()) {
            count++;
            received.incrementAndGet();
            PacketSink sink = sinks.get(datagram.port());
            if (sink == null) {
                unroutable.incrementAndGet();
            } else if (sink.offer(new HeldPacket(datagram))) {
                delivered.incrementAndGet();
            } else {
                refused.incrementAndGet();
            }
        }
        return count;
    }

    @Override
    public int flush() {
        int count = 0;
        for (Reply reply = queued.poll(); reply != null; reply = queued.poll()) {
            sent.add(reply);
            transmitted.incrementAndGet();
            count++;
        }
        return count;
    }

    /** Counts the calls, so a test can check that the loop never waits in a driver that cannot block. */
    @Override
    public int await(long timeoutNanos) {
        awaits.incrementAndGet();
        return poll();
    }

    /** How often the loop called {@link #await}. */
    public long awaitCalls() {
        return awaits.get();
    }

    /** Any thread: the replies transmitted so far, removed from the driver. */
    public List<Reply> takeReplies() {
        List<Reply> taken = new ArrayList<>();
        for (Reply reply = sent.poll(); reply != null; reply = sent.poll()) {
            taken.add(reply);
        }
        return taken;
    }

    @Override
    public DriverCounters counters() {
        countersReaders.add(Thread.currentThread().getName());
        return new DriverCounters(received.get(), delivered.get(), transmitted.get(), 0, 0, 0, unroutable.get(),
                refused.get(), 0, 0);
    }

    @Override
    public void close() {
        closed = true;
        sinks.clear();
        open.clear();
    }

    /** One delivered datagram, owned by its holder until it replies or releases. */
    private final class HeldPacket implements Packet {
        private final Datagram datagram;
        private final ByteBuffer payload;

        HeldPacket(Datagram datagram) {
            this.datagram = datagram;
            this.payload = ByteBuffer.allocate(Math.max(2048, datagram.payload().length));
            payload.put(datagram.payload()).flip();
        }

        @Override
        public ByteBuffer payload() {
            return payload;
        }

        @Override
        public int localPort() {
            return datagram.port();
        }

        @Override
        public InetSocketAddress remote() {
            return datagram.remote();
        }

        @Override
        public void reply() {
            ByteBuffer copy = payload.duplicate().position(0);
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            queued.add(new Reply(datagram.port(), bytes, datagram.remote()));
        }

        @Override
        public void release() {
            // Nothing pooled: the garbage collector takes the buffer.
        }
    }
}
