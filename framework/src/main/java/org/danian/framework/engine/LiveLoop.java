package org.danian.framework.engine;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.KThreadRunner;
import org.danian.framework.runtime.PollingBaton;
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
 * second for nothing. When it is quiet with a core granted, the wait lasts at most
 * {@link #QUIET_WAIT_NANOS}, unless a proc has work queued and no core: its allocator may make
 * that grant only at its next poll, so the wait is then {@link #SHORT_WAIT_NANOS}. A kthread
 * that parks meanwhile is noticed at the next wake-up and its core accounted up to the time it
 * left; a proc that needs that core signals, which ends the wait. While work is queued behind a
 * granted core the wait stays a short park, so congestion is judged within the poll interval.
 * A timed park in every case let a packet wait up to the park (timer slack), and woke the
 * thread several times per request while a core was granted: twice the CPU per request of a
 * plain thread-per-socket server (docs/measurements.md).
 *
 * <p><b>Directpath receive.</b> When the driver allows kthreads to poll it
 * ({@link org.danian.spi.net.PacketDriver#kthreadPollLingerNanos()}), a kthread that runs out
 * of work while holding a core asks for the {@link PollingBaton}; at the next wait with nothing
 * to judge, this thread hands it over and parks instead of waiting in the driver, so the next
 * packet wakes the kthread that serves it and not this thread. While the baton is away this
 * thread neither polls nor flushes the driver; it still runs the engine's passes when woken (a
 * core-needed signal, an operation, congestion the holder reports, the holder giving the
 * baton back, or the quiet wait's bound); a cede it asks of any core wakes the holder out of
 * the driver ({@link RuntimeContext#wakeDriverWaiter()}). The holder gives the baton back when
 * its linger passes without a packet or it leaves its core.
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
     * the bound only caps the cost of a wake-up lost to a bug at one second.
     */
    static final long IDLE_WAIT_NANOS = 1_000_000_000L;

    /**
     * The longest wait of a quiet kernel with a core granted ({@link Engine#quiet()}), in the
     * driver or parked while a kthread holds the polling baton: as when idle, only a packet,
     * an operation or a signal can give the loop work, and each ends the wait. A bound of one
     * millisecond woke the scheduler thread a thousand times a second for nothing while a
     * kthread waited in the driver, about a tenth of the server's CPU per request beside busy
     * co-tenants (docs/measurements.md); this one caps a lost wake-up's cost at 100 ms.
     */
    static final long QUIET_WAIT_NANOS = 100_000_000L;

    /**
     * The longest wait while a proc has work queued and no core (the selector's resolution):
     * it bounds how late an allocator that defers a grant to its next poll makes it.
     */
    static final long SHORT_WAIT_NANOS = 1_000_000L;

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
        runtime.pollingBaton().poller(packets);
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
        boolean polling = runtime.pollingBaton().atScheduler();
        int received = polling ? packets.poll() : 0; // an offer nudges a kthread waiting for the baton
        boolean worked = engine.iterate(nowNanos);
        int sent = polling ? packets.flush() : 0;
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
                long bound = engine.idle() ? IDLE_WAIT_NANOS
                        : engine.procWaitsForCore() ? Math.max(nanos, SHORT_WAIT_NANOS) : QUIET_WAIT_NANOS;
                if (batonAway()) {
                    LockSupport.parkNanos(this, bound);
                } else {
                    packets.await(bound);
                }
            }
        } finally {
            runtime.schedulerBlocking(false);
        }
    }

    /**
     * Whether a kthread holds the polling baton, after handing it to the one that wants it
     * (which is then unparked).
     */
    private boolean batonAway() {
        PollingBaton baton = runtime.pollingBaton();
        int token = baton.handOver();
        if (token >= 0) {
            LockSupport.unpark(runtime.directory().get(token));
            return true;
        }
        return !baton.atScheduler();
    }

    @Override
    public void interruptWait() {
        // The scheduler thread raises core-needed itself while steering a packet: no wake-up.
        if (!runtime.isSchedulerBlocking() || Thread.currentThread() == schedulerThread) {
            return;
        }
        PollingBaton baton = runtime.pollingBaton();
        KThreadRunner current = KThreadRunner.current();
        if (current != null && baton.heldBy(current.token())) {
            return; // the holder steering to its own proc, which it serves next (DriverLinger)
        }
        runtime.nudgeBatonWaiter();
        // Both: the baton may change hands between a look at it and the wake-up.
        LockSupport.unpark(schedulerThread);
        if (baton.atScheduler()) {
            packets.wakeup();
        }
    }
}
