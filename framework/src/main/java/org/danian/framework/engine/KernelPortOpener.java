package org.danian.framework.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.function.Consumer;

import org.danian.kernel.LiveProc;
import org.danian.kernel.PacketHandler;
import org.danian.kernel.PacketPort;

/**
 * {@link Kernel#openPort}: opens a port on the scheduler thread for a live proc of this kernel,
 * and hands the port the way back to the scheduler thread for its later operations (stop
 * receiving, close). Built when the kernel starts, with the packet path and scheduler of that
 * run; any thread.
 */
final class KernelPortOpener {

    private final SchedulerThread thread;
    private final PacketPath packets;
    private final Scheduler scheduler;

    KernelPortOpener(SchedulerThread thread, PacketPath packets, Scheduler scheduler) {
        this.thread = thread;
        this.packets = packets;
        this.scheduler = scheduler;
    }

    /**
     * As {@link org.danian.kernel.SchedulerKernel#openPort}.
     *
     * @throws IllegalArgumentException if {@code proc} is not a live proc of this kernel, or is closing
     */
    PacketPort open(InetSocketAddress local, LiveProc proc, PacketHandler handler) throws IOException {
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(proc, "proc");
        Objects.requireNonNull(handler, "handler");
        int port;
        try {
            port = thread.call(() -> {
                LiveProcHandle live = liveHandle(proc);
                try {
                    return packets.open(local, live.runtime(), handler);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return new KernelPacketPort(this::onPackets, port, new InetSocketAddress(local.getAddress(), port), proc);
    }

    /** Scheduler thread: the live, not closing, handle of {@code proc}. */
    private LiveProcHandle liveHandle(LiveProc proc) {
        if (!(proc instanceof LiveProcHandle handle) || !handle.isLiveIn(scheduler.table())) {
            throw new IllegalArgumentException(proc + " is not a live proc of this kernel");
        }
        if (handle.runtime().isClosing()) {
            throw new IllegalArgumentException("proc '" + proc.name() + "' is closing; it takes no new port");
        }
        return handle;
    }

    /** Runs a port operation on the scheduler thread; nothing to do once the kernel stopped (it closed every port). */
    private void onPackets(Consumer<PacketPath> operation) {
        try {
            thread.call(() -> {
                operation.accept(packets);
                return null;
            });
        } catch (IllegalStateException stopped) {
            if (thread.isSchedulerThread()) {
                throw stopped;
            }
        }
    }
}
