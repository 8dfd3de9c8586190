package org.danian.framework.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.kernel.KernelSettings;

/**
 * The engine's passes as the scheduler thread's {@link SchedulerThread.Loop}: pins the thread
 * to the scheduler core when it starts (saying once if it cannot), registers it as the thread
 * to unpark when a proc needs a core, measures what reading its CPU clock costs (for the pick
 * CPU-time metric), and iterates while a live proc exists or a packet port is open.
 *
 * <p>An iteration is Caladan's {@code dataplane_loop} (iokernel/main.c; OSDI'20 §4): receive
 * a burst from the packet driver and steer it to the procs' ingress queues, run the
 * {@link Engine}'s passes (a proc that just got packets without a running kthread is served in
 * this same iteration's core-needed pass), then transmit the replies queued since the last
 * iteration.
 *
 * <p><b>Idle wait.</b> When a port is open, no worker core is granted and the driver can block
 * ({@link org.danian.spi.net.PacketDriver#canBlock()}: sockets can, a busy-polled NIC ring
 * cannot), the only work that can come is a packet, an operation in the inbox or a
 * core-needed signal: the back-off's wait then blocks in the driver (a selector: at least
 * 1 ms, its resolution) and the packet wakes the thread at once, as the NIC's interrupt would;
 * the other two end the wait with {@link #interruptWait()}, which calls the driver's
 * {@code wakeup}. With a driver that cannot block, the back-off parks as it does without ports. A timed park instead let a packet wait up to the park (100
 * µs plus timer slack), and kept the thread spinning between packets a few hundred µs apart,
 * so on a machine with few cores it took the core that the kthread it had just woken needed.
 * While a core is granted the wait stays a short park: a running proc's congestion must be
 * noticed within the poll interval budget, and no packet can end a park early then matters
 * less, as the running kthread takes the packets itself.
 *
 * <p>Memory ordering: {@code blocking} is volatile. The thread sets it, then reads the
 * core-needed flag and the inbox; a waker sets those, then reads {@code blocking} (Dekker):
 * either the thread sees the work and does not block, or the waker sees it blocking and
 * wakes the selector.
 */
final class LiveLoop implements SchedulerThread.Loop {

    private final Engine engine;
    private final RuntimeContext runtime;
    private final KernelSettings settings;
    private final NativeThreads nativeThreads;
    private final System.Logger logger;
    private final PacketPath packets;
    private final KernelMetrics metrics;
    private volatile Thread schedulerThread;
    private volatile boolean blocking;

    LiveLoop(Engine engine, RuntimeContext runtime, KernelSettings settings, NativeThreads nativeThreads,
             System.Logger logger, PacketPath packets, KernelMetrics metrics) {
        this.engine = engine;
        this.packets = packets;
        this.metrics = metrics;
        this.runtime = runtime;
        this.settings = settings;
        this.nativeThreads = nativeThreads;
        this.logger = logger;
    }

    @Override
    public void onStart(Thread self) {
        runtime.schedulerThread(self);
        this.schedulerThread = self;
        runtime.schedulerWaker(this::interruptWait);
        if (settings.pinThreads() && !nativeThreads.pin(settings.schedulerCore())) {
            logger.log(System.Logger.Level.INFO, "scheduler thread not pinned to core " + settings.schedulerCore()
                    + ": " + nativeThreads.description());
        }
        metrics.cpuClockReadNanos(PickClock.calibrate(nativeThreads));
    }

    @Override
    public boolean active() {
        return engine.hasProcs() || packets.hasOpenPorts();
    }

    @Override
    public boolean iterate(long nowNanos) {
        int received = packets.poll();
        boolean worked = engine.iterate(nowNanos);
        int sent = packets.flush();
        return worked || received > 0 || sent > 0;
    }

    @Override
    public boolean blocksOnWork() {
        return packets.hasOpenPorts() && packets.canBlock() && !engine.anyCoreGranted();
    }

    @Override
    public void await(long nanos, BooleanSupplier stillIdle) {
        metrics.handOffs().schedulerWakeup();
        if (!blocksOnWork()) {
            LockSupport.parkNanos(nanos);
            return;
        }
        blocking = true;
        try {
            if (stillIdle.getAsBoolean() && !runtime.coreNeededPending()) {
                packets.await(nanos);
            }
        } finally {
            blocking = false;
        }
    }

    @Override
    public void interruptWait() {
        // The scheduler thread raises core-needed itself while steering a packet: no wake-up.
        if (blocking && Thread.currentThread() != schedulerThread) {
            packets.wakeup();
        }
    }
}
