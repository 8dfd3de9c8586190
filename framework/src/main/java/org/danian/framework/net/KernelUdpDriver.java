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
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

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
 * <p>Not allocating: packets, buffers and rings are made once, at the first {@link #open}
 * ({@link UdpBuffers}); {@code selectNow} is given a consumer created once; the JDK reuses the
 * sender address object while the sender is the same. Nothing the network sends can make
 * {@link #poll} or {@link #flush} throw.
 *
 * <p>In OSGi it is a Declarative Services component (Compendium R8 §112), the service
 * {@value #NAME} that the kernel's {@code packetDriver} setting selects by default; it closes
 * every socket when its bundle stops, after the kernel has let go of it (DS unbinds a service
 * from its users before deactivating its provider).
 */
@Component(service = PacketDriver.class, property = PacketDriver.NAME_PROPERTY + "=" + KernelUdpDriver.NAME)
public final class KernelUdpDriver implements PacketDriver {

    private final Config config;
    private final Map<Integer, UdpPort> ports = new ConcurrentHashMap<>();
    private final DriverStats stats = new DriverStats();
    private final Consumer<SelectionKey> drainReady = this::drain;
    private int budget;
    /** The selector and pooled buffers, made at the first {@link #open}; volatile for {@link #wakeup}. */
    private volatile UdpBuffers buffers;
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

    /**
     * A driver of the given sizes. It opens no selector and pools no buffer until the first
     * {@link #open}, so a registered driver that serves no port costs nothing.
     */
    public KernelUdpDriver(Config config) {
        this.config = config;
    }

    /** The DS constructor: {@link Config#DEFAULT} sizes. */
    public KernelUdpDriver() {
        this(Config.DEFAULT);
    }

    @Override
    public String name() {
        return NAME;
    }

    /** The name under which the kernel's {@code packetDriver} setting finds this driver. */
    public static final String NAME = "kernel-udp";

    @Override
    public synchronized int open(InetSocketAddress local) throws IOException {
        if (closed) {
            throw new IllegalStateException("driver is closed; cannot open " + local);
        }
        if (local.getPort() != 0 && ports.containsKey(local.getPort())) {
            throw new IllegalStateException("port already open: " + local.getPort());
        }
        UdpBuffers ready = buffers();
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.socketBufferBytes());
            channel.setOption(StandardSocketOptions.SO_SNDBUF, config.socketBufferBytes());
            channel.bind(local);
            channel.configureBlocking(false);
            int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            UdpPort udpPort = new UdpPort(port, channel);
            // Since JDK 11, register does not wait for a select in progress.
            udpPort.registered(channel.register(ready.selector(), SelectionKey.OP_READ, udpPort));
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

    private synchronized UdpBuffers buffers() throws IOException {
        UdpBuffers ready = buffers;
        if (ready == null) {
            ready = new UdpBuffers(config, Selector.open());
            buffers = ready;
        }
        return ready;
    }

    @Override
    public int poll() {
        UdpBuffers ready = buffers;
        if (closed || ready == null) {
            return 0;
        }
        budget = config.burst();
        try {
            ready.selector().selectNow(drainReady);
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            return 0; // the selector failed or was closed under us: nothing was received
        }
        return config.burst() - budget;
    }

    /** Sockets can block the polling thread in the selector until a datagram arrives. */
    @Override
    public boolean canBlock() {
        return true;
    }

    /**
     * {@link #poll()}, but blocks in the selector until a datagram arrives, {@link #wakeup()}
     * is called, or {@code timeoutNanos} passed (rounded up to whole milliseconds, the
     * selector's resolution): the polling thread sleeps in the kernel and the packet itself
     * wakes it, instead of a timed park that a packet cannot cut short.
     */
    @Override
    public int await(long timeoutNanos) {
        UdpBuffers ready = buffers;
        if (closed || ready == null) {
            return 0;
        }
        budget = config.burst();
        try {
            ready.selector().select(drainReady, Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        } catch (IOException | java.nio.channels.ClosedSelectorException e) {
            return 0; // as in poll: nothing was received
        }
        return config.burst() - budget;
    }

    @Override
    public void wakeup() {
        UdpBuffers ready = buffers;
        if (!closed && ready != null) {
            ready.selector().wakeup();
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
        ByteBuffer scratch = buffers.scratch();
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
        ByteBuffer scratch = buffers.scratch();
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
        PooledPacket packet = buffers.takeFree();
        if (packet == null) {
            DriverStats.bump(stats.noBuffer);
            return;
        }
        packet.fill(port, sender, scratch);
        if (offer(sink, packet)) {
            DriverStats.bump(stats.delivered);
        } else {
            DriverStats.bump(stats.ingressFull);
            buffers.recycle(packet);
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
        UdpBuffers ready = buffers;
        if (ready == null) {
            return 0;
        }
        int sentNow = 0;
        PooledPacket packet;
        while ((packet = ready.takeReply()) != null) {
            if (sendReply(packet)) {
                sentNow++;
                DriverStats.bump(stats.sent);
            } else {
                DriverStats.bump(stats.transmitFailed);
            }
            ready.recycle(packet);
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

    @Override
    public DriverCounters counters() {
        return stats.snapshot();
    }

    @Override
    @Deactivate
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Integer port : ports.keySet().toArray(new Integer[0])) {
            close(port);
        }
        UdpBuffers ready = buffers;
        if (ready != null) {
            ready.closeSelector();
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
