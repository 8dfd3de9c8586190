package org.danian.framework.kernel;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.runtime.RuntimeContext;

/**
 * The engine's passes as the scheduler thread's {@link SchedulerThread.Loop}: pins the thread
 * to the scheduler core when it starts (saying once if it cannot), registers it as the thread
 * to unpark when a proc needs a core, and iterates the {@link Engine} while a live proc exists.
 */
final class LiveLoop implements SchedulerThread.Loop {

    private final Engine engine;
    private final RuntimeContext runtime;
    private final EngineSettings settings;
    private final NativeThreads nativeThreads;
    private final System.Logger logger;

    LiveLoop(Engine engine, RuntimeContext runtime, EngineSettings settings, NativeThreads nativeThreads,
             System.Logger logger) {
        this.engine = engine;
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
    }

    @Override
    public boolean active() {
        return engine.hasLiveWork();
    }

    @Override
    public boolean iterate(long nowNanos) {
        return engine.iterate(nowNanos);
    }
}
