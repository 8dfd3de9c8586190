package org.danian.framework.engine;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

import org.danian.framework.affinity.CpuReservation;
import org.danian.framework.flight.CoreGrantEvent;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.metrics.MetricsJmx;
import org.danian.framework.runtime.IdleStrategy;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.Pinning;
import org.danian.kernel.LiveProc;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PacketHandler;
import org.danian.kernel.PacketPort;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SchedulerKernel;
import org.danian.kernel.SwapResult;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * The kernel, both faces of it ({@link SchedulerKernel} for workloads, {@link KernelAdmin} for
 * operators): a {@link Scheduler} driven by one {@link SchedulerThread}.
 *
 * <p>In OSGi, {@link KernelComponent} registers it and feeds it policy and driver services and
 * configuration. Outside OSGi (tests, benchmarks, an embedded kernel) construct it directly:
 * {@code new Kernel(topology, logger, settings)}, {@link #addPolicy} the policies,
 * {@link #addDriver} a packet driver if ports are wanted, {@link #start}, use, {@link #stop}.
 * That is this class's documented public entry point; the rest of the package is private to
 * the bundle.
 *
 * <p>Threading: registrations and {@link #configure} may be called from any thread but the
 * scheduler thread (they return once the scheduler thread has reconciled); the API methods as
 * their interfaces document.
 */
public class Kernel implements SchedulerKernel, KernelAdmin {

    /** Name of the kernel's {@link System.Logger}. */
    public static final String LOGGER_NAME = "org.danian.kernel";

    private final CoreTopology topology;
    private final System.Logger logger;
    private final KernelMetrics metrics = new KernelMetrics();
    private final SchedulerThread thread = new SchedulerThread("danian-scheduler");
    private final KernelPlugins plugins;
    private volatile KernelSettings settings;
    /** Pinning and nice value, decided at {@link #start}, shown by {@link #status()}. */
    private volatile KernelThreadSetup threads;
    /** What {@code pinThreads=auto} reads to decide; the machine's sysfs unless a test gives another. */
    private CpuReservation reservation = CpuReservation.ofThisMachine();
    private volatile PacketPath packets;
    private volatile Scheduler scheduler;
    private volatile KernelPortOpener ports;
    private volatile MetricsJmx jmx;

    /** A stopped kernel for {@code topology} with {@link KernelSettings#defaults}. */
    public Kernel(CoreTopology topology, System.Logger logger) {
        this(topology, logger, KernelSettings.defaults(topology));
    }

    /** A stopped kernel for {@code topology}, logging policy events to {@code logger}. */
    public Kernel(CoreTopology topology, System.Logger logger, KernelSettings settings) {
        this.topology = Objects.requireNonNull(topology, "topology");
        this.logger = Objects.requireNonNull(logger, "logger");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.plugins = new KernelPlugins(thread, logger);
    }

    /** Before {@link #start}: replaces the settings (the OSGi component reads them from its configuration). */
    protected void settings(KernelSettings replacement) {
        this.settings = Objects.requireNonNull(replacement, "settings");
    }

    /** Before {@link #start}: where {@code pinThreads=auto} reads the machine's CPU reservation. */
    void cpuReservation(CpuReservation replacement) {
        this.reservation = Objects.requireNonNull(replacement, "reservation");
    }

    /** The pinning decision taken at start, or null before. */
    public Pinning pinning() {
        KernelThreadSetup decided = threads;
        return decided == null ? null : decided.pinning();
    }

    /** The kernel's metrics (the one counter store); for JMX and tests. */
    public KernelMetrics kernelMetrics() {
        return metrics;
    }

    /** One line per policy service refused because an installed one has its kind and name. */
    List<String> refusedPolicies() {
        return plugins.refusedPolicies();
    }

    /** The running scheduler, or null before {@link #start}: for tests of this package. */
    Scheduler scheduler() {
        return scheduler;
    }

    /** The settings the kernel runs (or will start) with. */
    public KernelSettings settings() {
        return settings;
    }

    /**
     * Starts the scheduler thread and activates the configured policies (or the ladder's
     * choice where one is not installed), then binds the configured packet driver if it was
     * added already.
     *
     * @throws IllegalArgumentException if a worker core is not a core of the topology
     */
    public void start(String threadPick, String coreAllocation) {
        KernelThreadSetup setup = KernelThreadSetup.decide(settings, reservation);
        KernelSettings chosen = setup.settings();
        settings = chosen;
        threads = setup;
        RuntimeContext runtime = new RuntimeContext(topology, setup.nativeThreads(),
                new SpinThenPark(chosen.kthreadSpinNanos(), System::nanoTime), chosen.spinningKThreads(),
                setup.niceControl());
        Scheduler created = new Scheduler(new ProcTable(topology), plugins.registry(), logger, threadPick, coreAllocation,
                chosen, runtime, metrics);
        PacketPath path = new PacketPath(chosen.packetDriver(), metrics);
        thread.loop(new LiveLoop(created.engine(), runtime, chosen, setup.nativeThreads(), logger, path, metrics),
                IdleStrategy.named(chosen.idleStrategy()));
        packets = path;
        scheduler = created;
        ports = new KernelPortOpener(thread, path, created);
        CoreGrantEvent.register();
        thread.start();
        plugins.started(created, path);
    }

    /**
     * Stops every live proc's threads (at their next task boundary; queued tasks are not run),
     * then the scheduler thread, and closes the ports it opened; later calls throw
     * {@link IllegalStateException}.
     */
    public void stop() {
        List<ProcRuntime> live = List.of();
        try {
            live = thread.call(() -> scheduler.runtimes());
        } catch (IllegalStateException notRunning) {
            // Never started, or already stopped: no live proc runs.
        }
        for (ProcRuntime runtime : live) {
            runtime.stop(1_000);
        }
        thread.stop();
        PacketPath path = packets;
        if (path != null) {
            path.close();
        }
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

    /**
     * The configuration names packet driver {@code name}: from now on ports open on it. Ports
     * open on another driver are closed there and opened again, with the same numbers, once a
     * driver of this name is installed (at once if it is). Before {@link #start}, it only
     * changes the settings.
     */
    public void packetDriver(String name) {
        Objects.requireNonNull(name, "name");
        if (scheduler == null) {
            settings = settings.withPacketDriver(name);
            return;
        }
        plugins.packetDriver(name);
    }

    /** A policy service appeared (thread-pick or core-allocation, by the entry's kind). */
    public void addPolicy(PolicyEntry entry) {
        plugins.addPolicy(entry);
    }

    /** A policy service went away; if it was active, the ladder applies before this returns. */
    public void removePolicy(Object service) {
        plugins.removePolicy(service);
    }

    /** Shorthand for tests and benchmarks: adds a thread-pick policy with no bundle. */
    public void addPolicy(ThreadPickPolicy policy) {
        addPolicy(PolicyEntry.threadPick(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
    }

    /** Shorthand for tests and benchmarks: adds a core-allocation policy with no bundle. */
    public void addPolicy(CoreAllocationPolicy policy) {
        addPolicy(PolicyEntry.coreAllocation(policy, PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
    }

    /**
     * A packet driver service appeared under {@code name}: the kernel binds it if it is the
     * one its settings name and none is bound yet. Before {@link #start}, it is kept for start.
     */
    public void addDriver(PacketDriver driver, String name) {
        plugins.addDriver(driver, name);
    }

    /**
     * A packet driver service is going away: if the kernel uses it, it stops before this
     * returns (no poll, flush or wake-up reaches it afterwards); its ports are opened again on
     * the next driver of the configured name.
     */
    public void removeDriver(PacketDriver driver) {
        plugins.removeDriver(driver);
    }

    /** Runs {@code operation} on the scheduler thread with its {@link Scheduler}; for tests. */
    <T> T onScheduler(java.util.function.Function<Scheduler, T> operation) {
        return thread.call(() -> operation.apply(scheduler));
    }

    @Override
    public CoreTopology topology() {
        return topology;
    }

    @Override
    public LiveProc startProc(ProcSpec spec) {
        Objects.requireNonNull(spec, "spec");
        LiveProcHandle handle = thread.call(() -> {
            ProcEntry proc = scheduler.startProc(spec);
            LiveProcHandle started = new LiveProcHandle(proc, thread, scheduler, this::procClosed);
            proc.runtime.start();
            return started;
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

    private void procClosed(ProcEntry proc) {
        MetricsJmx published = jmx;
        if (published != null) {
            published.unregisterProc(proc);
        }
    }

    @Override
    public List<PolicyInfo> policies() {
        return thread.call(() -> scheduler.policies());
    }

    @Override
    public SwapResult swap(PolicyKind kind, String name) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        return thread.call(() -> scheduler.swap(kind, name));
    }

    @Override
    public KernelStatus status() {
        PacketPath path = packets;
        KernelThreadSetup setup = threads;
        KernelStatus seen = thread.call(() -> scheduler.status(path.statusWithoutCounters()));
        return new KernelStatus(seen.settings(), seen.coreCount(), seen.procs(), seen.threadPick(),
                seen.coreAllocation(), path.counted(seen.packets()), seen.events(), seen.warnings(),
                setup.pinning(), setup.niceControl().status());
    }

    @Override
    public List<PolicyEvent> events() {
        return thread.call(() -> scheduler.events());
    }

    @Override
    public MetricsSnapshot metrics() {
        if (!thread.isRunning()) {
            throw new IllegalStateException("the scheduler kernel is not running");
        }
        return metrics.snapshot();
    }

    @Override
    public PacketPort openPort(InetSocketAddress local, LiveProc proc, PacketHandler handler) throws IOException {
        KernelPortOpener opener = ports;
        if (opener == null) {
            throw new IllegalStateException("the scheduler kernel is not running");
        }
        return opener.open(local, proc, handler);
    }
}
