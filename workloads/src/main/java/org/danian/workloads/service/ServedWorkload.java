package org.danian.workloads.service;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.danian.kernel.LiveProc;
import org.danian.kernel.PacketHandler;
import org.danian.kernel.PacketPort;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.ProcSpec;
import org.danian.workloads.netperf.EchoPorts;

/**
 * One workload served by a live proc: the proc, its main port, and the extra ports a netperf
 * handshake opens, all steered to the proc by the kernel's packet driver.
 *
 * <p>{@link #close()} stops cleanly, as {@link PacketPort} describes: every port stops
 * receiving, the proc closes (which waits until every accepted request has been handled and
 * its reply queued), then every port closes, transmitting those replies first. Requests that
 * arrive after the ports stopped receiving are dropped by the driver as unroutable and never
 * half-served. Thread-safe: extra ports are opened from the proc's kthreads.
 */
final class ServedWorkload implements AutoCloseable {

    private final LiveProc proc;
    private final SchedulerKernel kernel;
    private final InetSocketAddress bind;
    private final EchoPortLeases extraPorts;
    private PacketPort main;
    private boolean closing;

    private ServedWorkload(SchedulerKernel kernel, LiveProc proc, InetSocketAddress bind, EchoPortLeases extraPorts) {
        this.kernel = kernel;
        this.proc = proc;
        this.bind = bind;
        this.extraPorts = extraPorts;
    }

    /**
     * Starts the proc and opens its main port; on failure nothing is left running.
     *
     * @param extraPorts the limits of the extra ports (netperf echo ports); none for a server
     *     that opens none
     * @throws IOException if the port cannot be bound
     */
    static ServedWorkload start(SchedulerKernel kernel, ProcSpec spec, InetSocketAddress bind,
            EchoPortLeases extraPorts, java.util.function.Function<ServedWorkload, PacketHandler> mainHandler)
            throws IOException {
        LiveProc proc = kernel.startProc(spec);
        ServedWorkload workload = new ServedWorkload(kernel, proc, bind, extraPorts);
        try {
            workload.main = kernel.openPort(bind, proc, mainHandler.apply(workload));
        } catch (IOException | RuntimeException e) {
            proc.close();
            throw e;
        }
        return workload;
    }

    /** Where the main port listens. */
    InetSocketAddress address() {
        return main.address();
    }

    LiveProc proc() {
        return proc;
    }

    /**
     * Opens one more port on the server's address, served by the same proc (netperf: one echo
     * port per client thread); called by a request on a kthread. Ports idle past the timeout
     * are closed first; then the global and the per-client limit apply ({@link EchoPortLeases}).
     *
     * @param client the address that asked (null if unknown: only the global limit applies)
     * @param handlerFor the port's handler, given the port (so that it can close it)
     * @return the port number, or {@link EchoPorts#FAILED} (closing, a limit reached, bind failed)
     */
    int openExtraPort(InetAddress client,
            java.util.function.Function<PacketPort[], PacketHandler> handlerFor) {
        List<PacketPort> idle;
        synchronized (this) {
            idle = extraPorts.expire(System.nanoTime());
        }
        idle.forEach(PacketPort::close);
        synchronized (this) {
            if (closing || !extraPorts.admits(client)) {
                return EchoPorts.FAILED;
            }
            PacketPort[] opened = new PacketPort[1];
            EchoPortLeases.Lease lease = extraPorts.newLease(client);
            PacketHandler handler = handlerFor.apply(opened);
            try {
                opened[0] = kernel.openPort(new InetSocketAddress(bind.getAddress(), 0), proc, packet -> {
                    lease.touch();
                    handler.handle(packet);
                });
            } catch (IOException | RuntimeException e) {
                return EchoPorts.FAILED;
            }
            extraPorts.hold(opened[0], lease);
            return opened[0].port();
        }
    }

    /** Closes an extra port now (a netperf kill); replies still in flight on it are not sent. */
    void closeExtraPort(PacketPort port) {
        synchronized (this) {
            if (closing || !extraPorts.release(port)) {
                return; // already closed or expired, or close() owns it now
            }
        }
        port.close();
    }

    synchronized int extraPortCount() {
        return extraPorts.size();
    }

    /** Echo ports closed for idleness, and refused by a limit, since the start. */
    synchronized long[] extraPortLimits() {
        return new long[] {extraPorts.expired(), extraPorts.refused()};
    }

    @Override
    public void close() {
        List<PacketPort> ports;
        synchronized (this) {
            if (closing) {
                return;
            }
            closing = true;
            ports = new ArrayList<>(extraPorts.releaseAll());
        }
        ports.add(0, main);
        ports.forEach(PacketPort::stopReceiving);
        proc.close();
        ports.forEach(PacketPort::close);
    }
}
