package org.danian.framework.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.kernel.KernelSettings;

/**
 * The engine's passes as the scheduler thread's {@link SchedulerThread.Loop}: pins the thread
 * to the scheduler core when it starts (saying once if it cannot) and sets its nice value,
 * registers it as the thread to unpark when a proc needs a core, measures what reading its CPU
 * clock costs (for the pick CPU-time metric), and iterates while a live proc exists or a packet
 * port is open.
 *
 * <p>An iteration is Caladan's {@code dataplane_loop} (iokernel/main.c; OSDI'20 §4): receive
 * a burst from the packet driver and steer it to the procs' ingress queues, run the
 * {@link Engine}'s passes (a proc that just got packets without a running kthread is served in
 * this same iteration's core-needed pass), then transmit the replies queued since the last
 * iteration.
 *
 * <p><b>Idle wait.</b> When a port is open and the driver can block
 * ({@link org.danian.spi.net.PacketDriver#canBlock()}: sockets can, a busy-polled NIC ring
 * cannot), the back-off's wait blocks in the driver (a selector: at least 1 ms, its
 * resolution) whenever the only work that can come is a packet, an operation in the inbox, a
 * core-needed signal or work offered to a proc: no core is granted, or every granted core's
 * kthread has started and its proc has nothing queued ({@link Engine#quiet()}), and kthreads
 * send their own replies. The packet wakes the thread at once, as the NIC's interrupt would;
 * the others end the wait with {@link #interruptWait()}, which calls the driver's
 * {@code wakeup}. When the kernel is idle ({@link Engine#idle()}: no core granted, nothing
 * queued) the wait has no short timeout, so an idle server does not wake a thousand times a
 * second for nothing. A kthread that parks meanwhile is noticed at the next wake-up and its core
 * accounted up to the time it left. While work is queued behind a granted core the wait stays
 * a short park, so congestion is judged within the poll interval. A timed park in every
 * case let a packet wait up to the park (timer slack), and woke the thread several times per
 * request while a core was granted: twice the CPU per request of a plain thread-per-socket
 * server (docs/measurements.md).
 *
 * <p>Memory ordering: the blocking flag is the runtime's volatile
 * {@link RuntimeContext#schedulerBlocking(boolean)}, the one submitters read too. The thread
 * sets it, then reads the core-needed flag, the inbox and the granted procs' queues; a waker
 * sets those, then reads the flag (Dekker):
 * either the thread sees the work and does not block, or the waker sees it blocking and
 * wakes the selector.
 */
final class LiveLoop implements SchedulerThread.Loop {

    /**
     * The longest blocking wait of an idle kernel ({@link Engine#idle()}): nothing but a
     * packet, an operation or a signal can give it work, and each of those ends the wait, so
     * the bound only caps the cost of a wake-up lost to a bug at one second. The wait of a
     * kernel with a core granted or work queued stays the idle strategy's (a millisecond in
     * the selector), which bounds how late a deferred grant is made.
     */
    static final long IDLE_WAIT_NANOS = 1_000_000_000L;

    private final Engine engine;
    private final RuntimeContext runtime;
    private final KernelSettings settings;
    private final NativeThreads nativeThreads;
    private final System.Logger logger;
    private final PacketPath packets;
    private final KernelMetrics metrics;
    private volatile Thread schedulerThread;
    private final ParkPrecision parks;

    LiveLoop(Engine engine, RuntimeContext runtime, KernelSettings settings, NativeThreads nativeThreads,
             System.Logger logger, PacketPath packets, KernelMetrics metrics) {
        this.engine = engine;
        this.packets = packets;
        this.metrics = metrics;
        this.runtime = runtime;
        this.settings = settings;
        this.nativeThreads = nativeThreads;
        this.logger = logger;
        this.parks = new ParkPrecision(NativeThreadsLoader.system()::timerSlack, logger);
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
        runtime.niceControl().applyToScheduler();
        metrics.cpuClockReadNanos(PickClock.calibrate(nativeThreads));
    }

    @Override
    public boolean active() {
        return engine.hasProcs() || packets.hasOpenPorts();
    }

    /**
     * One iteration; it counts as work (which keeps the thread polling and teaches the idle
     * strategy that polls pay) when a packet came or left, or when the engine changed something
     * and still needs watching. An engine change after which the loop may block (a kthread
     * started or parked, a grant whose kthread has not started) is not: nothing is left that the
     * next wake-up would not see, and counting it taught the idle strategy that its polls paid,
     * so it kept polling the driver before each wait for events that need no poll.
     */
    @Override
    public boolean iterate(long nowNanos) {
        int received = packets.poll();
        boolean worked = engine.iterate(nowNanos);
        int sent = packets.flush();
        return received > 0 || sent > 0 || worked && !blocksOnWork();
    }

    @Override
    public boolean blocksOnWork() {
        return packets.hasOpenPorts() && packets.canBlock()
                && (packets.kthreadsTransmit() ? engine.quiet() : !engine.anyCoreGranted());
    }

    @Override
    public void await(long nanos, BooleanSupplier stillIdle) {
        metrics.handOffs().schedulerWakeup();
        if (!blocksOnWork()) {
            parks.match(packets.canBlock());
            LockSupport.parkNanos(nanos);
            return;
        }
        runtime.schedulerBlocking(true);
        try {
            // Re-checked after raising the flags, which submitters read after their offers.
            if (stillIdle.getAsBoolean() && !runtime.coreNeededPending() && blocksOnWork()) {
                packets.await(engine.idle() ? IDLE_WAIT_NANOS : nanos);
            }
        } finally {
            runtime.schedulerBlocking(false);
        }
    }

    @Override
    public void interruptWait() {
        // The scheduler thread raises core-needed itself while steering a packet: no wake-up.
        if (runtime.isSchedulerBlocking() && Thread.currentThread() != schedulerThread) {
            packets.wakeup();
        }
    }
}
