package org.danian.framework.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.danian.framework.net.KernelUdpDriver;
import org.danian.framework.net.PacketRing;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.kernel.PacketHandler;
import org.danian.spi.net.DriverCounters;

/**
 * The kernel's packet driver as the scheduler loop sees it (Caladan's IOKernel, OSDI'20 §4:
 * receive a burst from the NIC and steer it, run the scheduler's passes, transmit): {@link
 * #poll()} before the engine's passes, {@link #flush()} after, both every iteration while a port
 * is open.
 *
 * <p>The driver is created at the first {@link #open} (a kernel that never serves packets, as
 * in the pick-path benchmarks, opens no selector and pools no buffer), with one pooled
 * {@link PacketTask} per driver packet. Everything here runs on the scheduler thread, the
 * driver's polling thread, except {@link #counters()} and {@link #countUnanswered()}; the
 * driver field is volatile only so that {@code counters()} sees it.
 */
final class KernelPackets {

    private static final DriverCounters NONE = new DriverCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final KernelUdpDriver.Config config;
    private final AtomicLong unanswered = new AtomicLong();
    private volatile KernelUdpDriver driver;
    private PacketRing<PacketTask> tasks;
    private int openPorts;
    private boolean closed;

    KernelPackets(KernelUdpDriver.Config config) {
        this.config = config;
    }

    /** Scheduler thread: binds {@code local} and steers its packets to {@code proc}'s ingress. */
    int open(InetSocketAddress local, ProcRuntime proc, PacketHandler handler) throws IOException {
        if (closed) {
            throw new IllegalStateException("the kernel's packet driver is closed; cannot open " + local);
        }
        KernelUdpDriver ready = driver();
        int port;
        try {
            port = ready.open(local);
        } catch (IllegalStateException alreadyOpen) {
            throw new java.net.BindException("port " + local.getPort() + " is already open in the kernel's packet driver");
        }
        ready.attach(port, new ProcPacketSink(proc, handler, tasks));
        openPorts++;
        return port;
    }

    private KernelUdpDriver driver() throws IOException {
        KernelUdpDriver ready = driver;
        if (ready == null) {
            ready = new KernelUdpDriver(config);
            tasks = new PacketRing<>(config.poolSize());
            for (int i = 0; i < config.poolSize(); i++) {
                tasks.offer(new PacketTask(tasks, this));
            }
            driver = ready;
        }
        return ready;
    }

    /** Scheduler thread: the port's packets are dropped as unroutable from now on. */
    void detach(int port) {
        KernelUdpDriver ready = driver;
        if (ready != null && !closed) {
            try {
                ready.detach(port);
            } catch (IllegalArgumentException alreadyClosed) {
                // Closed before: nothing is steered there any more.
            }
        }
    }

    /**
     * Scheduler thread: transmits what is queued (so no reply of this port is lost to the
     * close), then releases the port.
     */
    void close(int port) {
        KernelUdpDriver ready = driver;
        if (ready == null || closed) {
            return;
        }
        ready.flush();
        if (contains(ready.openPorts(), port)) {
            ready.close(port);
            openPorts--;
        }
    }

    private static boolean contains(int[] ports, int port) {
        for (int open : ports) {
            if (open == port) {
                return true;
            }
        }
        return false;
    }

    /** Scheduler thread, every iteration: receive one burst and steer it; returns how many. */
    int poll() {
        KernelUdpDriver ready = driver;
        return ready == null ? 0 : ready.poll();
    }

    /** Scheduler thread, every iteration after the passes: transmit the queued replies. */
    int flush() {
        KernelUdpDriver ready = driver;
        return ready == null ? 0 : ready.flush();
    }

    /** Scheduler thread: {@link #poll()}, blocking up to {@code timeoutMillis} for a datagram. */
    int awaitAndPoll(long timeoutMillis) {
        KernelUdpDriver ready = driver;
        return ready == null ? 0 : ready.awaitAndPoll(timeoutMillis);
    }

    /** Any thread: ends the scheduler thread's {@link #awaitAndPoll} early. */
    void wakeup() {
        KernelUdpDriver ready = driver;
        if (ready != null) {
            ready.wakeup();
        }
    }

    /** Scheduler thread: whether a port is open, so the loop keeps polling without live procs. */
    boolean hasOpenPorts() {
        return openPorts > 0;
    }

    /** A kthread: a handler returned without answering its packet (the task released it). */
    void countUnanswered() {
        unanswered.incrementAndGet();
    }

    /** Packets whose handler neither replied nor released them. Any thread. */
    long unanswered() {
        return unanswered.get();
    }

    /** Any thread: the driver's counters, all zero before the first port. */
    DriverCounters counters() {
        KernelUdpDriver ready = driver;
        return ready == null ? NONE : ready.counters();
    }

    /** After the scheduler thread stopped: flush nothing more, close every port. Idempotent. */
    void close() {
        closed = true;
        KernelUdpDriver ready = driver;
        if (ready != null) {
            ready.close();
        }
    }
}
