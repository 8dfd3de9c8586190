package org.danian.framework.kernel;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.RuntimeContext;

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
 */
final class LiveLoop implements SchedulerThread.Loop {

    private final Engine engine;
    private final RuntimeContext runtime;
    private final EngineSettings settings;
    private final NativeThreads nativeThreads;
    private final System.Logger logger;
    private final KernelPackets packets;
    private final KernelMetrics metrics;

    LiveLoop(Engine engine, RuntimeContext runtime, EngineSettings settings, NativeThreads nativeThreads,
             System.Logger logger, KernelPackets packets, KernelMetrics metrics) {
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
        if (settings.pin() && !nativeThreads.pin(settings.schedulerCore())) {
            logger.log(System.Logger.Level.INFO, "scheduler thread not pinned to core " + settings.schedulerCore()
                    + ": " + nativeThreads.description());
        }
        metrics.cpuClockReadNanos(PickClock.calibrate(nativeThreads));
    }

    @Override
    public boolean active() {
        return engine.hasLiveWork() || packets.hasOpenPorts();
    }

    @Override
    public boolean iterate(long nowNanos) {
        int received = packets.poll();
        boolean worked = engine.iterate(nowNanos);
        int sent = packets.flush();
        return worked || received > 0 || sent > 0;
    }
}
