package org.danian.framework.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.net.PacketSink;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

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
 *
 * <p>Backpressure: before it takes a datagram from a socket, the driver checks that a pooled
 * packet is free and that the port's sink {@linkplain PacketSink#hasRoom has room}. If not, it
 * leaves the datagram in the socket, stops watching that port ({@code interestOps(0)}, so the
 * selector does not report it ready again and again) and looks again at the next poll: a
 * burst waits in the socket's receive buffer ({@code SO_RCVBUF}, 4 MiB by default) instead of
 * being dropped; what that buffer cannot hold, Linux drops and counts, and
 * {@link #counters()} reports it ({@link SocketDrops}). While a port is held back,
 * {@link #await} parks for the timeout instead of selecting, since no packet can wake it.
 *
 * <p>Transmit path: a kthread that answers a packet sends the reply itself, at once
 * ({@link #kthreadsMayTransmit()}; {@link DatagramChannel#send} is safe from many threads), so
 * the polling thread need not wake to transmit. With {@code kthreadsTransmit=false}, replies
 * queue on a ring as large as the pool (queueing never fails) and the polling thread sends
 * them in {@link #flush} ({@link UdpTransmitter}).
 *
 * <p>Directpath receive: a kthread that runs out of work while holding a core may take over
 * the polling role and wait in {@link #await} for its next packet, up to
 * {@link #kthreadPollLingerNanos()} (1 ms by default, {@code kthreadReceiveLingerMicros}), so
 * the datagram wakes the thread that serves it and no other. The kernel hands the role over
 * with a happens-before edge; the driver's receive state needs nothing more.
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
@Component(service = PacketDriver.class, property = PacketDriver.NAME_PROPERTY + "=" + KernelUdpDriver.NAME,
        configurationPid = KernelUdpConfig.PID)
@Designate(ocd = KernelUdpConfig.class)
public final class KernelUdpDriver implements PacketDriver {

    /** Set before the first {@link #open}: by the constructor, or by DS's {@link #activate}. */
    private UdpDriverConfig config;
    /** {@link #kthreadPollLingerNanos()}; set with {@link #config}. */
    private volatile long receiveLingerNanos;
    private final SocketDrops socketDrops = new SocketDrops();
    private final Map<Integer, UdpPort> ports = new ConcurrentHashMap<>();
    private final DriverStats stats = new DriverStats();
    /** The selector and pooled buffers, made at the first {@link #open}. */
    private UdpBuffers buffers;
    /** The polling role over {@link #buffers}, made with them; volatile for {@link #wakeup}. */
    private volatile UdpPolling polling;
    /** The transmit path over {@link #buffers}, made with them. */
    private UdpTransmitter transmitter;
    private volatile boolean closed;

    /**
     * A driver of the given sizes. It opens no selector and pools no buffer until the first
     * {@link #open}, so a registered driver that serves no port costs nothing.
     */
    public KernelUdpDriver(UdpDriverConfig config) {
        this(config, UdpDriverConfig.DEFAULT_RECEIVE_LINGER_MICROS * 1_000);
    }

    /**
     * As above, with kthreads waiting in the driver for up to {@code receiveLingerNanos} for
     * their next packet ({@link #kthreadPollLingerNanos()}; 0: never).
     *
     * @throws IllegalArgumentException if {@code receiveLingerNanos} is negative
     */
    public KernelUdpDriver(UdpDriverConfig config, long receiveLingerNanos) {
        if (receiveLingerNanos < 0) {
            throw new IllegalArgumentException("receive linger must not be negative: " + receiveLingerNanos + " ns");
        }
        this.config = config;
        this.receiveLingerNanos = receiveLingerNanos;
    }

    /** {@link UdpDriverConfig#DEFAULT} sizes (DS then applies the configuration in {@link #activate}). */
    public KernelUdpDriver() {
        this(UdpDriverConfig.DEFAULT);
    }

    /** DS: the sizes of the configuration {@value KernelUdpConfig#PID}, before any port is opened. */
    @Activate
    void activate(KernelUdpConfig settings) {
        UdpDriverConfig sizes = UdpDriverConfig.DEFAULT;
        config = new UdpDriverConfig(sizes.maxPayload(), settings.poolSize(), sizes.burst(), sizes.receiveLimit(),
                settings.socketBufferBytes(), settings.kthreadsTransmit());
        receiveLingerNanos = UdpDriverConfig.receiveLingerNanos(settings.kthreadReceiveLingerMicros(),
                refused -> System.getLogger(KernelUdpDriver.class.getName()).log(System.Logger.Level.WARNING,
                        refused));
    }

    /** The sizes in effect. */
    public UdpDriverConfig config() {
        return config;
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
            UdpTransmitter sender = new UdpTransmitter(config, stats);
            ready = new UdpBuffers(config, Selector.open(), sender::replied);
            sender.use(ready);
            transmitter = sender;
            buffers = ready;
            polling = new UdpPolling(ready, new UdpReceiver(config, ready, stats));
        }
        return ready;
    }

    @Override
    public int poll() {
        UdpPolling receive = polling;
        return closed || receive == null ? 0 : receive.poll();
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
        UdpPolling receive = polling;
        return closed || receive == null ? 0 : receive.await(timeoutNanos);
    }

    @Override
    public void wakeup() {
        UdpPolling receive = polling;
        if (!closed && receive != null) {
            receive.wakeup();
        }
    }

    @Override
    public int flush() {
        return polling == null ? 0 : transmitter.flush();
    }

    /**
     * The configured receive linger: {@link #poll}, {@link #await} and {@link #wakeup} work from
     * any thread, one at a time (the selector, the scratch buffer and the receive state are
     * handed over with the polling role), and a datagram wakes the thread blocked in the select.
     */
    @Override
    public long kthreadPollLingerNanos() {
        return receiveLingerNanos;
    }

    /** Replies leave on the thread that answers, unless configured to queue for {@link #flush}. */
    @Override
    public boolean kthreadsMayTransmit() {
        return config.kthreadsTransmit();
    }

    /** The counters, with what Linux dropped for the open ports (reads {@code /proc/net/udp*}). */
    @Override
    public DriverCounters counters() {
        return stats.snapshot(socketDrops.dropsFor(openPorts()));
    }

    /**
     * Declarative Services' deactivate. A method of its own: with {@code close} named as the
     * deactivate method, SCR prefers the overload {@code close(int)} (a deactivation reason
     * fits its parameter, Declarative Services 1.3 §112.5.8), which closes one port by number and
     * leaves the selector and sockets open.
     */
    @Deactivate
    void deactivate() {
        close();
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
        if (buffers != null) {
            buffers.closeSelector();
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
