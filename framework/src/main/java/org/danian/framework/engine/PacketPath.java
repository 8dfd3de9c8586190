package org.danian.framework.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.net.PacketRing;
import org.danian.framework.runtime.PollingBaton;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.kernel.DriverStatus;
import org.danian.kernel.PacketHandler;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.PacketDriver;

/**
 * The kernel's side of its packet driver, as the scheduler loop sees it (Caladan's IOKernel,
 * OSDI'20 §4: receive a burst from the NIC and steer it, run the scheduler's passes, transmit):
 * {@link #poll()} before the engine's passes, {@link #flush()} after, both every iteration
 * while a port is open, and {@link #await} when the loop has nothing else to do.
 *
 * <p><b>Which driver.</b> The one whose name the setting {@code packetDriver} gives, once its
 * service is bound ({@link #bind}); nothing else in the kernel knows a driver's type. If it
 * goes away ({@link #unbind}), the kernel stops using it at once; if the setting names another
 * driver ({@link #reconfigure}), the kernel closes its ports on the old one and lets it go.
 * Either way it remembers each port (address, proc, handler) and opens it again, with the same
 * number, on the next driver it binds, so workloads keep their ports across a driver switch or
 * a driver bundle's restart without restarting the framework; a port that cannot be opened
 * again on the new driver (its address is not the new driver's) is logged and forgotten.
 *
 * <p>Each delivered packet travels to its proc as a pooled {@link PacketTask}; the pool is made
 * at the first {@link #open} (a kernel that never serves packets pools nothing) and is larger
 * than any driver's packet pool should be, so the tasks never run dry first.
 *
 * <p>Everything here runs on the scheduler thread, the driver's polling thread, except
 * {@link #wakeup()}, {@link #lingerNanos()} and {@link #counters()}, and except {@link #await}
 * while a kthread holds the {@link PollingBaton} (it is then the polling thread, and the
 * scheduler thread calls neither {@link #poll()}, {@link #flush()} nor {@link #await}); the
 * driver field is volatile for those.
 */
final class PacketPath implements PollingBaton.DriverPoller {

    /** Pooled packet tasks: the most packets procs can hold at once, whatever the driver. */
    static final int TASKS = 4096;
    /**
     * The most packets one proc's ingress may hold: half the tasks, so a proc flooded faster
     * than it answers leaves the other half to the procs beside it (its own excess waits in
     * its socket buffer, where Linux counts what overflows).
     */
    static final int PROC_INGRESS_LIMIT = TASKS / 2;

    private static final DriverCounters NONE = new DriverCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** How a port was opened, to open it again on the next driver. */
    private record Opening(InetSocketAddress local, ProcRuntime proc, PacketHandler handler, boolean detached) {
    }

    private volatile String configured;
    private final KernelMetrics metrics;
    private final Map<Integer, Opening> ports = new TreeMap<>();
    private volatile PacketDriver driver;
    /** Whether {@link #ports} holds any, for {@link #lingerNanos()} off the scheduler thread. */
    private volatile boolean portsOpen;
    private PacketRing<PacketTask> tasks;
    private boolean closed;

    PacketPath(String configured, KernelMetrics metrics) {
        this.configured = configured;
        this.metrics = metrics;
    }

    /** The driver the kernel's setting names. */
    String configured() {
        return configured;
    }

    /** The bound driver, or null. */
    PacketDriver driver() {
        return driver;
    }

    /**
     * Scheduler thread: a driver service appeared; bound if it is the configured one and none
     * is, and the remembered ports are opened on it again. Returns whether it was bound.
     */
    boolean bind(PacketDriver candidate, String name, System.Logger logger) {
        if (closed || driver != null || !configured.equals(name)) {
            return false;
        }
        driver = candidate;
        for (Map.Entry<Integer, Opening> entry : Map.copyOf(ports).entrySet()) {
            reopen(candidate, entry.getKey(), entry.getValue(), logger);
        }
        return true;
    }

    private void reopen(PacketDriver candidate, int port, Opening opening, System.Logger logger) {
        try {
            candidate.open(new InetSocketAddress(opening.local().getAddress(), port));
            if (!opening.detached()) {
                candidate.attach(port, new ProcPacketSink(opening.proc(), opening.handler(), tasks, metrics.handOffs()));
            }
        } catch (IOException | RuntimeException e) {
            ports.remove(port);
            portsOpen = !ports.isEmpty();
            logger.log(System.Logger.Level.WARNING, "port " + port + " could not be opened again on packet driver '"
                    + configured + "' and is closed: " + e.getMessage());
        }
    }

    /** Scheduler thread: a driver service is going away; if it is ours, stop using it (its ports are remembered). */
    boolean unbind(PacketDriver gone) {
        if (driver != gone) {
            return false;
        }
        driver = null;
        return true;
    }

    /**
     * Scheduler thread: the setting now names {@code name}. If another driver is bound, what it
     * queued is sent, its ports are closed on it, and it is let go of; the ports are opened
     * again when a driver of the new name is bound. Returns whether the name changed.
     */
    boolean reconfigure(String name) {
        if (closed || name.equals(configured)) {
            return false;
        }
        configured = name;
        PacketDriver old = driver;
        if (old != null) {
            old.flush();
            for (int port : ports.keySet()) {
                old.close(port);
            }
            driver = null;
        }
        return true;
    }

    /** Scheduler thread: binds {@code local} and steers its packets to {@code proc}'s ingress. */
    int open(InetSocketAddress local, ProcRuntime proc, PacketHandler handler) throws IOException {
        PacketDriver ready = driver;
        if (closed) {
            throw new IllegalStateException("the kernel has stopped; cannot open " + local);
        }
        if (ready == null) {
            throw new IOException("packet driver '" + configured + "' is not installed; cannot open " + local
                    + " (the kernel's setting packetDriver names it)");
        }
        if (tasks == null) {
            tasks = new PacketRing<>(TASKS);
            for (int i = 0; i < TASKS; i++) {
                tasks.offer(new PacketTask(tasks, metrics));
            }
        }
        int port;
        try {
            port = ready.open(local);
        } catch (IllegalStateException alreadyOpen) {
            throw new BindException("port " + local.getPort() + " is already open in packet driver '"
                    + configured + "'");
        }
        ready.attach(port, new ProcPacketSink(proc, handler, tasks, metrics.handOffs()));
        ports.put(port, new Opening(local, proc, handler, false));
        portsOpen = true;
        return port;
    }

    /** Scheduler thread: the port's packets are dropped as unroutable from now on. */
    void detach(int port) {
        Opening opening = ports.get(port);
        if (opening != null) {
            ports.put(port, new Opening(opening.local(), opening.proc(), opening.handler(), true));
        }
        PacketDriver ready = driver;
        if (ready != null && opening != null) {
            ready.detach(port);
        }
    }

    /**
     * Scheduler thread: transmits what is queued (so no reply of this port is lost to the
     * close), then releases the port.
     */
    void close(int port) {
        PacketDriver ready = driver;
        boolean removed = ports.remove(port) != null;
        portsOpen = !ports.isEmpty();
        if (removed && ready != null) {
            ready.flush();
            ready.close(port);
        }
    }

    /** Scheduler thread, every iteration: receive one burst and steer it; returns how many. */
    int poll() {
        PacketDriver ready = driver;
        return ready == null ? 0 : ready.poll();
    }

    /**
     * Scheduler thread, every iteration after the passes: transmit the queued replies. Each is
     * a hand-off from its kthread to this thread; with a driver whose kthreads transmit their
     * own replies there are none.
     */
    int flush() {
        PacketDriver ready = driver;
        if (ready == null) {
            return 0;
        }
        int sent = ready.flush();
        metrics.handOffs().egress(sent);
        return sent;
    }

    /** Scheduler thread: whether {@link #await} can block until a packet arrives. */
    boolean canBlock() {
        PacketDriver ready = driver;
        return ready != null && ready.canBlock();
    }

    /**
     * Scheduler thread: whether the bound driver lets kthreads send their own replies, so none
     * wait in a queue for this thread's {@link #flush()}.
     */
    boolean kthreadsTransmit() {
        PacketDriver ready = driver;
        return ready != null && ready.kthreadsMayTransmit();
    }

    /**
     * The polling thread: {@link #poll()}, first blocking up to {@code nanos} if the driver can;
     * -1 if no driver is bound.
     */
    @Override
    public int await(long nanos) {
        PacketDriver ready = driver;
        return ready == null ? -1 : ready.await(nanos);
    }

    /**
     * Any thread: how long a kthread out of work may wait in the bound driver; 0 unless a port
     * is open (a proc served without packets has nothing to wait for there), and the driver
     * allows it, can block, and lets kthreads send their replies (a holder never flushes, so
     * no reply may wait for a flush).
     */
    @Override
    public long lingerNanos() {
        PacketDriver ready = driver;
        if (ready == null || !portsOpen || !ready.canBlock() || !ready.kthreadsMayTransmit()) {
            return 0;
        }
        return Math.max(0, ready.kthreadPollLingerNanos());
    }

    /** Any thread: ends the polling thread's {@link #await} early. */
    @Override
    public void wakeup() {
        PacketDriver ready = driver;
        if (ready != null) {
            ready.wakeup();
        }
    }

    /** Scheduler thread: whether a port is open, so the loop keeps polling without procs. */
    boolean hasOpenPorts() {
        return driver != null && !ports.isEmpty();
    }

    /** Any thread: the bound driver's counters, all zero while none is bound. */
    DriverCounters counters() {
        PacketDriver ready = driver;
        return ready == null ? NONE : ready.counters();
    }

    /**
     * Scheduler thread: the driver as the status shows it, with its counters still zero; the
     * caller adds them off this thread ({@link #counted}).
     */
    DriverStatus statusWithoutCounters() {
        return new DriverStatus(configured, driver != null, driver == null ? 0 : ports.size(), NONE,
                metrics.packetsUnanswered());
    }

    /**
     * Any thread: {@code seen} with the bound driver's counters. Read on the caller's thread,
     * never the scheduler's: a driver may read files for them (the kernel UDP driver reads
     * {@code /proc/net/udp} for Linux's own drops), which took the scheduler thread away for
     * milliseconds every time the status was polled.
     */
    DriverStatus counted(DriverStatus seen) {
        return new DriverStatus(seen.configured(), seen.installed(), seen.openPorts(), counters(), seen.unanswered());
    }

    /**
     * After the scheduler thread stopped: closes every port this kernel opened (the driver
     * itself belongs to its provider) and binds nothing more. Idempotent.
     */
    void close() {
        closed = true;
        PacketDriver ready = driver;
        if (ready != null) {
            for (int port : ports.keySet()) {
                ready.close(port);
            }
        }
        ports.clear();
        portsOpen = false;
        driver = null;
    }
}
