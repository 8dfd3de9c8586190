package org.danian.framework.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.Packet;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.net.PacketSink;

/**
 * The embedded packet driver: one non-blocking {@link DatagramChannel} per open port, all
 * registered with one {@link Selector} that the polling thread checks with {@code selectNow}
 * (one system call per poll however many ports are open; the netperf handshake opens one port
 * per client thread).
 *
 * <p>Receive path: each ready channel is drained into one scratch buffer as large as any
 * datagram the driver accepts plus one byte, so a datagram that fills it was cut by the kernel
 * (truncated); one that fits in the scratch buffer but not in a pooled packet is oversized.
 * Only then is a free packet taken from the pool and the payload copied into it (a copy of a
 * few dozen bytes, the price of telling the two drops apart and of pooling small buffers).
 * Transmit path: replies queue on a ring as large as the pool, so queueing never fails; the
 * polling thread sends them in {@link #flush}.
 *
 * <p>Not allocating: packets, buffers and rings are made once; {@code selectNow} is given a
 * consumer created once; the JDK reuses the sender address object while the sender is the
 * same. Nothing the network sends can make {@link #poll} or {@link #flush} throw.
 */
public final class KernelUdpDriver implements PacketDriver {

    private final Config config;
    private final Selector selector;
    private final ByteBuffer scratch;
    private final PacketRing<PooledPacket> free;
    private final PacketRing<PooledPacket> transmit;
    private final Map<Integer, UdpPort> ports = new ConcurrentHashMap<>();
    private final DriverStats stats = new DriverStats();
    private final Consumer<SelectionKey> drainReady = this::drain;
    private int budget;
    private volatile boolean closed;

    /**
     * Sizes of the driver.
     *
     * @param maxPayload the largest datagram payload delivered; larger ones are dropped
     * @param poolSize packets in the pool, a power of two: the most packets sinks can hold
     * @param burst the most datagrams one {@link #poll} takes (DPDK's usual burst is 32)
     * @param receiveLimit the scratch buffer's size: datagrams of this length or more are
     *     counted as truncated; larger than {@code maxPayload}
     * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF asked of the kernel for each port
     */
    public record Config(int maxPayload, int poolSize, int burst, int receiveLimit,
            int socketBufferBytes) {

        /** 2 KiB payloads (a 1500-byte MTU's datagram fits), 1024 packets, bursts of 32. */
        public static final Config DEFAULT = new Config(2048, 1024, 32, 65536, 4 << 20);

        public Config {
            if (maxPayload < 1 || receiveLimit <= maxPayload) {
                throw new IllegalArgumentException("need 0 < maxPayload < receiveLimit: "
                        + maxPayload + ", " + receiveLimit);
            }
            if (poolSize < 2 || Integer.bitCount(poolSize) != 1) {
                throw new IllegalArgumentException("poolSize must be a power of two >= 2: " + poolSize);
            }
            if (burst < 1) {
                throw new IllegalArgumentException("burst must be positive: " + burst);
            }
        }
    }

    public KernelUdpDriver(Config config) throws IOException {
        this.config = config;
        this.selector = Selector.open();
        this.scratch = ByteBuffer.allocateDirect(config.receiveLimit());
        this.free = new PacketRing<>(config.poolSize());
        this.transmit = new PacketRing<>(config.poolSize());
        for (int i = 0; i < config.poolSize(); i++) {
            free.offer(new PooledPacket(this, config.maxPayload()));
        }
    }

    @Override
    public String name() {
        return "kernel-udp";
    }

    @Override
    public synchronized int open(InetSocketAddress local) throws IOException {
        if (closed) {
            throw new IllegalStateException("driver is closed; cannot open " + local);
        }
        if (local.getPort() != 0 && ports.containsKey(local.getPort())) {
            throw new IllegalStateException("port already open: " + local.getPort());
        }
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.socketBufferBytes());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.socketBufferBytes());
            channel.bind(local);
            channel.configureBlocking(false);
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            UdpPort udpPort = new UdpPort(port, channel);
            // Since JDK 11, register does not wait for a select in progress.
            udpPort.registered(channel.register(selector, SelectionKey.OP_READ, udpPort));
            ports.put(port, udpPort);
            return port;
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public void attach(int port, PacketSink sink) {
        if (sink == null) {
            throw new NullPointerException("sink for port " + port);
        }
        openPort(port).sink(sink);
    }

    @Override
    public void detach(int port) {
        openPort(port).sink(null);
    }

    @Override
    public synchronized void close(int port) {
        UdpPort udpPort = ports.remove(port);
        if (udpPort != null) {
            udpPort.sink(null);
            udpPort.close();
        }
    }

    /** The ports open now, for status output and tests. */
    public int[] openPorts() {
        return ports.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    @Override
    public int poll() {
        if (closed) {
            return 0;
        }
        budget = config.burst();
        try {
            selector.selectNow(drainReady);
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            return 0; // the selector failed or was closed under us: nothing was received
        }
        return config.burst() - budget;
    }

    /**
     * {@link #poll()}, but blocks in the selector until a datagram arrives, {@link #wakeup()}
     * is called, or {@code timeoutMillis} (at least 1) passed: the polling thread sleeps in the
     * kernel and the packet itself wakes it, instead of a timed park that a packet cannot cut
     * short. Polling thread only.
     *
     * @return datagrams received
     */
    public int awaitAndPoll(long timeoutMillis) {
        if (closed) {
            return 0;
        }
        budget = config.burst();
        try {
            selector.select(drainReady, Math.max(1, timeoutMillis));
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            return 0; // as in poll: nothing was received
        }
        return config.burst() - budget;
    }

    /** Any thread: ends an {@link #awaitAndPoll} in progress, or the next one at once. */
    public void wakeup() {
        if (!closed) {
            selector.wakeup();
        }
    }

    /** Receives from one ready channel until it is empty or the burst is used up. */
    private void drain(SelectionKey key) {
        UdpPort port = (UdpPort) key.attachment();
        while (budget > 0) {
            SocketAddress sender = receiveOne(port);
            if (sender == null) {
                return;
            }
            budget--;
            DriverStats.bump(stats.received);
            steer(port, (InetSocketAddress) sender);
        }
    }

    /** One datagram into the scratch buffer, flipped; {@code null} if none is waiting. */
    private SocketAddress receiveOne(UdpPort port) {
        scratch.clear();
        try {
            SocketAddress sender = port.channel().receive(scratch);
            scratch.flip();
            return sender;
        } catch (IOException e) {
            return null; // closed concurrently by close(port), or a pending socket error
        }
    }

    /** Delivers the datagram in the scratch buffer, or counts why it is dropped. */
    private void steer(UdpPort port, InetSocketAddress sender) {
        int length = scratch.remaining();
        if (length >= config.receiveLimit()) {
            DriverStats.bump(stats.truncated);
            return;
        }
        if (length > config.maxPayload()) {
            DriverStats.bump(stats.oversized);
            return;
        }
        PacketSink sink = port.sink();
        if (sink == null) {
            DriverStats.bump(stats.unroutable);
            return;
        }
        PooledPacket packet = free.poll();
        if (packet == null) {
            DriverStats.bump(stats.noBuffer);
            return;
        }
        packet.fill(port, sender, scratch);
        if (offer(sink, packet)) {
            DriverStats.bump(stats.delivered);
        } else {
            DriverStats.bump(stats.ingressFull);
            packet.clear();
            free.offer(packet);
        }
    }

    private static boolean offer(PacketSink sink, Packet packet) {
        try {
            return sink.offer(packet);
        } catch (RuntimeException e) {
            return false; // a sink that throws broke its contract; the packet counts as refused
        }
    }

    @Override
    public int flush() {
        int sentNow = 0;
        PooledPacket packet;
        while ((packet = transmit.poll()) != null) {
            if (sendReply(packet)) {
                sentNow++;
                DriverStats.bump(stats.sent);
            } else {
                DriverStats.bump(stats.transmitFailed);
            }
            recycle(packet);
        }
        return sentNow;
    }

    private static boolean sendReply(PooledPacket packet) {
        UdpPort port = packet.port();
        if (!port.isOpen()) {
            return false;
        }
        try {
            return port.channel().send(packet.payload(), packet.remote()) > 0
                    || !packet.payload().hasRemaining(); // an empty reply is sent as 0 bytes
        } catch (IOException | RuntimeException e) {
            return false; // the kernel refused it (no route, port closed meanwhile)
        }
    }

    /** A reply to transmit at the next flush. Never fails: the ring holds the whole pool. */
    void queueReply(PooledPacket packet) {
        transmit.offer(packet);
    }

    /** Returns a packet to the pool. Never fails: the ring holds the whole pool. */
    void recycle(PooledPacket packet) {
        packet.clear();
        free.offer(packet);
    }

    @Override
    public DriverCounters counters() {
        return stats.snapshot();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Integer port : ports.keySet().toArray(new Integer[0])) {
            close(port);
        }
        try {
            selector.close();
        } catch (IOException e) {
            // Nothing is left registered; a failure to close the epoll descriptor changes nothing.
        }
    }

    private UdpPort openPort(int port) {
        UdpPort udpPort = ports.get(port);
        if (udpPort == null) {
            throw new IllegalArgumentException("port is not open: " + port);
        }
        return udpPort;
    }
}
