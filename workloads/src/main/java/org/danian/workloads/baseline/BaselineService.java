package org.danian.workloads.baseline;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.danian.workloads.netperf.EchoHandler;
import org.danian.workloads.netperf.EchoPorts;
import org.danian.workloads.netperf.NetperfControlHandler;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.HandlerStats;
import org.danian.workloads.synthetic.StridedMemWork;
import org.danian.workloads.synthetic.SyntheticHandler;

/**
 * A workload served on a plain {@link ThreadPoolExecutor}: the baseline that experiments
 * compare Danian's scheduling with. Start it with {@link #start}, stop it with {@link #close}
 * (stop receiving, answer what was received, close the sockets). The command line is
 * {@link BaselineServer}.
 */
public final class BaselineService implements AutoCloseable {

    /** Requests waiting for a worker before new ones are dropped as overloaded. */
    private static final int QUEUE_CAPACITY = 65_536;
    /** The most netperf echo ports open at once, over all handshakes. */
    private static final int MAX_ECHO_PORTS = 1024;
    private static final long DRAIN_TIMEOUT_SECONDS = 10;

    private final Workload workload;
    private final InetSocketAddress bind;
    private final ThreadPoolExecutor pool;
    private final HandlerCounters counters = new HandlerCounters();
    private final Set<UdpEndpoint> echoEndpoints = ConcurrentHashMap.newKeySet();
    private UdpEndpoint main;
    private boolean closed;

    private BaselineService(Workload workload, InetSocketAddress bind, int threads) {
        this.workload = workload;
        this.bind = bind;
        AtomicInteger ids = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                task -> new Thread(task, "baseline-" + workload.label() + "-" + ids.incrementAndGet()),
                new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Binds the workload's port and starts serving.
     *
     * @param bind the address and port to listen on (port 0: an ephemeral port)
     * @param threads worker threads, at least 1
     * @param maxWorkIterations the synthetic server's cap on one request's work
     * @throws IOException if the port cannot be bound
     */
    public static BaselineService start(Workload workload, InetSocketAddress bind, int threads,
            long maxWorkIterations) throws IOException {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        BaselineService server = new BaselineService(workload, bind, threads);
        try {
            server.main = server.endpoint(bind, server.handler(maxWorkIterations));
        } catch (IOException | RuntimeException e) {
            server.pool.shutdownNow();
            throw e;
        }
        server.main.start();
        return server;
    }

    private DatagramHandler handler(long maxWorkIterations) {
        return switch (workload) {
            case SYNTHETIC -> new SyntheticHandler(new StridedMemWork(1), counters, maxWorkIterations);
            case NETPERF -> new NetperfControlHandler(counters, this::openEchoPort);
        };
    }

    private UdpEndpoint endpoint(InetSocketAddress address, DatagramHandler handler) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReceiveBufferSize(4 << 20);
            socket.bind(address);
            return new UdpEndpoint(socket, handler, pool, counters);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** {@link EchoPorts#open()} for the netperf handshake: one more socket and receive thread. */
    private int openEchoPort() {
        if (echoEndpoints.size() >= MAX_ECHO_PORTS) {
            return EchoPorts.FAILED;
        }
        EchoCloser closer = new EchoCloser();
        try {
            UdpEndpoint echo = endpoint(new InetSocketAddress(bind.getAddress(), 0),
                    new EchoHandler(counters, closer));
            closer.endpoint = echo;
            synchronized (this) {
                if (closed) {
                    echo.close();
                    return EchoPorts.FAILED;
                }
                echoEndpoints.add(echo);
            }
            echo.start();
            return echo.port();
        } catch (IOException | RuntimeException e) {
            return EchoPorts.FAILED;
        }
    }

    /** Closes an echo port when its client sends kill. */
    private final class EchoCloser implements Runnable {
        private volatile UdpEndpoint endpoint;

        @Override
        public void run() {
            UdpEndpoint echo = endpoint;
            if (echo != null && echoEndpoints.remove(echo)) {
                echo.close();
            }
        }
    }

    public Workload workload() {
        return workload;
    }

    /** The address actually bound (with the ephemeral port chosen, if port 0 was asked). */
    public InetSocketAddress address() {
        return new InetSocketAddress(bind.getAddress(), main.port());
    }

    /** Netperf echo ports open now. */
    public int echoPortCount() {
        return echoEndpoints.size();
    }

    public HandlerStats stats() {
        return counters.snapshot();
    }

    /**
     * Stops cleanly: no new requests are received, the ones already received are answered
     * (waiting up to ten seconds), then every socket is closed. Idempotent.
     */
    @Override
    public void close() throws InterruptedException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        main.stopReceiving();
        for (UdpEndpoint echo : echoEndpoints) {
            echo.stopReceiving();
        }
        pool.shutdown();
        pool.awaitTermination(DRAIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        main.close();
        for (UdpEndpoint echo : echoEndpoints) {
            echo.close();
        }
        echoEndpoints.clear();
    }
}
