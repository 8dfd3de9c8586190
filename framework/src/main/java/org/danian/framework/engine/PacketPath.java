package org.danian.framework.engine;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.TreeSet;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.net.PacketRing;
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
 * goes away ({@link #unbind}), the kernel stops using it at once and forgets its ports (their
 * procs keep running; a workload must open them again once a driver is back).
 *
 * <p>Each delivered packet travels to its proc as a pooled {@link PacketTask}; the pool is made
 * at the first {@link #open} (a kernel that never serves packets pools nothing) and is larger
 * than any driver's packet pool should be, so the tasks never run dry first.
 *
 * <p>Everything here runs on the scheduler thread, the driver's polling thread, except
 * {@link #wakeup()} and {@link #counters()}; the driver field is volatile for those two.
 */
final class PacketPath {

    /** Pooled packet tasks: the most packets procs can hold at once, whatever the driver. */
    static final int TASKS = 4096;

    private static final DriverCounters NONE = new DriverCounters(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    private final String configured;
    private final KernelMetrics metrics;
    private final Set<Integer> ports = new TreeSet<>();
    private volatile PacketDriver driver;
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

    /** Scheduler thread: a driver service appeared; bound if it is the configured one and none is. */
    boolean bind(PacketDriver candidate, String name) {
        if (closed || driver != null || !configured.equals(name)) {
            return false;
        }
        driver = candidate;
        return true;
    }

    /** Scheduler thread: a driver service is going away; if it is ours, stop using it. */
    boolean unbind(PacketDriver gone) {
        if (driver != gone) {
            return false;
        }
        driver = null;
        ports.clear();
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
        ports.add(port);
        return port;
    }

    /** Scheduler thread: the port's packets are dropped as unroutable from now on. */
    void detach(int port) {
        PacketDriver ready = driver;
        if (ready != null && ports.contains(port)) {
            ready.detach(port);
        }
    }

    /**
     * Scheduler thread: transmits what is queued (so no reply of this port is lost to the
     * close), then releases the port.
     */
    void close(int port) {
        PacketDriver ready = driver;
        if (ready != null && ports.remove(port)) {
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

    /** Scheduler thread: {@link #poll()}, first blocking up to {@code nanos} if the driver can. */
    int await(long nanos) {
        PacketDriver ready = driver;
        return ready == null ? 0 : ready.await(nanos);
    }

    /** Any thread: ends the scheduler thread's {@link #await} early. */
    void wakeup() {
        PacketDriver ready = driver;
        if (ready != null) {
            ready.wakeup();
        }
    }

    /** Scheduler thread: whether a port is open, so the loop keeps polling without procs. */
    boolean hasOpenPorts() {
        return !ports.isEmpty();
    }

    /** Any thread: the bound driver's counters, all zero while none is bound. */
    DriverCounters counters() {
        PacketDriver ready = driver;
        return ready == null ? NONE : ready.counters();
    }

    /** Scheduler thread: the driver as the status shows it. */
    DriverStatus status() {
        return new DriverStatus(configured, driver != null, ports.size(), counters(),
                metrics.packetsUnanswered());
    }

    /**
     * After the scheduler thread stopped: closes every port this kernel opened (the driver
     * itself belongs to its provider) and binds nothing more. Idempotent.
     */
    void close() {
        closed = true;
        PacketDriver ready = driver;
        if (ready != null) {
            for (int port : ports) {
                ready.close(port);
            }
        }
        ports.clear();
        driver = null;
    }
}
