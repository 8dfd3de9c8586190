package org.danian.framework.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.metrics.MetricsJmx;
import org.danian.framework.metrics.MetricsSnapshot;
import org.danian.framework.metrics.MetricsSource;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.framework.runtime.IdleStrategy;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.LiveProc;
import org.danian.kernel.PacketHandler;
import org.danian.kernel.PacketPort;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.SchedulerKernel;
import org.danian.kernel.SwapResult;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * The {@link SchedulerKernel}: a {@link Scheduler} driven by one {@link SchedulerThread}.
 *
 * <p>In OSGi, {@link KernelComponent} registers it and feeds it policy services and
 * configuration. Outside OSGi — unit tests, the benchmarks module (the swap-pause benchmark
 * times {@link #swapThreadPickPolicy} with 1 000 idle kthreads), the simulator — construct it
 * directly: {@code new Kernel(topology, logger)} (or with {@link EngineSettings}),
 * {@link #addPolicy} the policies, {@link #start}, use, {@link #stop}. That is this class's
 * documented public entry point; the rest of the package is private to the bundle.
 *
 * <p>Threading: policy registration and {@link #configure} may be called from any thread
 * (they return once the scheduler thread has reconciled the active policy); the
 * {@link SchedulerKernel} methods as documented there.
 */
public class Kernel implements SchedulerKernel, MetricsSource {

    /** Name of the kernel's {@link System.Logger}. */
    public static final String LOGGER_NAME = "org.danian.kernel";

    private final CoreTopology topology;
    private final System.Logger logger;
    private final PolicyRegistry registry = new PolicyRegistry();
    private final KernelMetrics metrics = new KernelMetrics();
    private final SchedulerThread thread = new SchedulerThread("danian-scheduler");
    private final KernelPackets packets = new KernelPackets(KernelUdpDriver.Config.DEFAULT);
    private volatile EngineSettings settings;
    private NativeThreads nativeThreads;
    private RuntimeContext runtime;
    private volatile Scheduler scheduler;
    private volatile MetricsJmx jmx;

    /** A stopped kernel for {@code topology} with {@link EngineSettings#defaults}. */
    public Kernel(CoreTopology topology, System.Logger logger) {
        this(topology, logger, EngineSettings.defaults(topology));
    }

    /** A stopped kernel for {@code topology}, logging ejections to {@code logger}. */
    public Kernel(CoreTopology topology, System.Logger logger, EngineSettings settings) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Before {@link #start}: replaces the engine's settings (the OSGi component reads them from its configuration). */
    protected void settings(EngineSettings replacement) {
        this.settings = Objects.requireNonNull(replacement, "settings");
    }

    /** The kernel's metrics (single writer: the scheduler thread); for JMX and tests. */
    public KernelMetrics kernelMetrics() {
        return metrics;
    }

    /** Any thread except the scheduler thread: the metrics now. */
    @Override
    public MetricsSnapshot metrics() {
        return metrics.snapshot();
    }

    /** The engine's settings. */
    public EngineSettings settings() {
        return settings;
    }

    /**
     * Starts the scheduler thread and activates the configured thread-pick policy (or the
     * fallback ladder's choice if it is not installed).
     *
     * @param threadPick the thread-pick policy to run (configuration {@value #THREAD_PICK_PROPERTY})
     * @param coreAllocation the core-allocation policy to run ({@value #CORE_ALLOCATION_PROPERTY})
     */
    public void start(String threadPick, String coreAllocation) {
        nativeThreads = settings.pin() ? NativeThreadsLoader.system()
                : NativeThreadsLoader.unpinned("pinning is turned off in the kernel's settings");
        runtime = new RuntimeContext(topology, nativeThreads,
                new SpinThenPark(settings.kthreadSpinNanos(), System::nanoTime));
        Scheduler created = new Scheduler(new ProcTable(topology), registry, logger, threadPick, coreAllocation,
                settings, runtime, metrics);
        thread.loop(new LiveLoop(created.engine(), runtime, settings, nativeThreads, logger, packets, metrics),
                IdleStrategy.named(settings.idleStrategy()));
        scheduler = created;
        thread.start();
        thread.call(() -> {
            scheduler.policiesChanged();
            return null;
        });
    }

    /**
     * Stops every live proc's threads (at their next task boundary; queued tasks are not run)
     * and then the scheduler thread; later calls throw {@link IllegalStateException}.
     */
    public void stop() {
        List<LiveProcHandle> live = List.of();
        try {
            live = thread.call(() -> scheduler.liveHandles());
        } catch (IllegalStateException notRunning) {
            // Never started, or already stopped: no live proc runs.
        }
        for (LiveProcHandle handle : live) {
            handle.runtime().stop(1_000);
        }
        thread.stop();
        packets.close();
        MetricsJmx published = jmx;
        if (published != null) {
            published.unregisterAll();
        }
    }

    /** The configuration changed: aim for these policies (activated now if installed). */
    public void configure(String threadPick, String coreAllocation) {
        thread.call(() -> {
            scheduler.configure(threadPick, coreAllocation);
            return null;
        });
    }

    /** A policy service appeared (thread-pick or core-allocation, by the entry's kind). */
    public void addPolicy(PolicyEntry entry) {
        registry.add(entry);
        reconcileIfRunning();
    }

    /** A policy service went away; if it was active, the fallback applies before this returns. */
    public void removePolicy(Object service) {
        if (registry.remove(service) != null) {
            reconcileIfRunning();
        }
    }

    /** Shorthand for tests and benchmarks: adds a thread-pick policy with no bundle. */
    public void addPolicy(ThreadPickPolicy policy) {
        addPolicy(PolicyEntry.threadPick(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
    }

    /** Shorthand for tests and benchmarks: adds a core-allocation policy with no bundle. */
    public void addPolicy(CoreAllocationPolicy policy) {
        addPolicy(PolicyEntry.coreAllocation(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
    }

    // A registration before start() is picked up by start()'s reconcile: the registry is
    // updated first, and start() publishes the scheduler after (volatile) — whichever side
    // sees the other's write reconciles.
    private void reconcileIfRunning() {
        if (scheduler != null) {
            try {
                thread.call(() -> {
                    scheduler.policiesChanged();
                    return null;
                });
            } catch (IllegalStateException stopped) {
                // The kernel stopped meanwhile: nothing runs any picker any more.
            }
        }
    }

    /** Runs {@code operation} on the scheduler thread with its {@link Scheduler}; for tests and status. */
    <T> T onScheduler(java.util.function.Function<Scheduler, T> operation) {
        return thread.call(() -> operation.apply(scheduler));
    }

    @Override
    public CoreTopology topology() {
        return topology;
    }

    @Override
    public ProcView createProc(ProcSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return thread.call(() -> scheduler.createProc(spec));
    }

    @Override
    public LiveProc startProc(ProcSpec spec) {
        Objects.requireNonNull(spec, "spec");
        LiveProcHandle handle = thread.call(() -> {
            ProcEntry proc = scheduler.startProc(spec, true);
            proc.handle = new LiveProcHandle(proc, thread, scheduler, this::procClosed);
            return proc.handle;
        });
        MetricsJmx published = jmx;
        if (published != null) {
            published.registerProc(handle.view());
        }
        return handle;
    }

    /**
     * Publishes the metrics as MXBeans from now on (the OSGi component does; tests and
     * embedded kernels need not): the kernel's now, each live proc's as it starts.
     */
    protected void enableJmx(MetricsJmx beans) {
        beans.registerKernel();
        this.jmx = beans;
    }

    private void procClosed(ProcView proc) {
        MetricsJmx published = jmx;
        if (published != null) {
            published.unregisterProc(proc);
        }
    }

    @Override
    public void closeProc(ProcView proc) {
        if (proc instanceof ProcEntry entry && entry.handle != null) {
            entry.handle.close();
            return;
        }
        thread.call(() -> {
            scheduler.closeProc(proc);
            return null;
        });
    }

    @Override
    public void park(KThreadView kthread) {
        thread.call(() -> {
            scheduler.park(kthread);
            return null;
        });
    }

    @Override
    public KThreadView grant(ProcView proc, int core) {
        return thread.call(() -> scheduler.grant(proc, core));
    }

    @Override
    public List<PolicyInfo> policies() {
        return thread.call(() -> scheduler.policies());
    }

    @Override
    public Optional<String> activeThreadPickPolicy() {
        return Optional.ofNullable(thread.call(() -> scheduler.activeThreadPick()));
    }

    @Override
    public SwapResult swapThreadPickPolicy(String name) {
        Objects.requireNonNull(name, "name");
        return thread.call(() -> scheduler.swap(name));
    }

    @Override
    public KernelStatus status() {
        return thread.call(() -> scheduler.status());
    }

    @Override
    public List<String> invariantViolations() {
        return thread.call(() -> scheduler.invariantViolations());
    }

    @Override
    public PacketPort openPort(InetSocketAddress local, LiveProc proc, PacketHandler handler) throws IOException {
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
        return new KernelPacketPort(this, port, new InetSocketAddress(local.getAddress(), port), proc);
    }

    /** Scheduler thread: the live, not closing, handle of {@code proc}. */
    private LiveProcHandle liveHandle(LiveProc proc) {
        if (!(proc instanceof LiveProcHandle handle) || !scheduler.liveHandles().contains(handle)) {
            throw new IllegalArgumentException(proc + " is not a live proc of this kernel");
        }
        if (handle.runtime().isClosing()) {
            throw new IllegalArgumentException("proc '" + proc.name() + "' is closing; it takes no new port");
        }
        return handle;
    }

    /** Runs a port operation on the scheduler thread; nothing to do once the kernel stopped (it closed every port). */
    void onPackets(Consumer<KernelPackets> operation) {
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

    @Override
    public DriverCounters packetCounters() {
        return packets.counters();
    }

    /** Packets whose handler returned without replying or releasing them (released by the kernel). */
    public long packetsUnanswered() {
        return packets.unanswered();
    }
}
