package org.danian.framework.engine;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.danian.framework.affinity.SysfsTopology;
import org.danian.framework.metrics.MetricsJmx;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.CoreTopology;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.pick.ThreadPickPolicy;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers the {@link Kernel} as the {@link SchedulerKernel} and {@link KernelAdmin} services
 * (OSGi Compendium R8 §112 Declarative Services).
 *
 * <p>Every {@link ThreadPickPolicy}, {@link CoreAllocationPolicy} and {@link PacketDriver}
 * service is tracked by a dynamic, multiple, optional reference, so policy and driver bundles
 * come and go while the kernel runs.
 * DS binds the references present at start before {@link #activate}, and calls an unbind
 * before the departing service's bundle finishes stopping: {@link Kernel#removePolicy}
 * returns only after the scheduler thread dropped that policy's pickers (and
 * {@link Kernel#removeDriver} after it stopped polling that driver), so no code of a stopped
 * bundle runs afterwards. The configuration is optional: without one, the defaults of
 * {@link KernelConfig} apply.
 */
@Component(service = {SchedulerKernel.class, KernelAdmin.class}, immediate = true,
        configurationPid = KernelAdmin.CONFIGURATION_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = KernelConfig.class)
public final class KernelComponent extends Kernel {

    private final ShutdownQuietLogger logger;
    private Bundle systemBundle;
    private Bundle ownBundle;

    /** Creates the kernel for this machine's cores. */
    public KernelComponent() {
        this(new ShutdownQuietLogger(System.getLogger(LOGGER_NAME)));
    }

    private KernelComponent(ShutdownQuietLogger logger) {
        super(SysfsTopology.ofThisMachine(), logger);
        this.logger = logger;
    }

    @Activate
    void activate(KernelConfig config, BundleContext context) {
        systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        ownBundle = context.getBundle();
        settings(settingsFrom(topology(), config));
        start(config.threadPick(), config.coreAllocation());
        enableJmx(new MetricsJmx(kernelMetrics()));
    }

    /** The engine's settings from the configuration (worker cores: a comma-separated list). */
    static KernelSettings settingsFrom(CoreTopology topology, KernelConfig config) {
        String workers = config.workerCores() == null ? "" : config.workerCores().trim();
        List<Integer> cores = workers.isEmpty() ? null
                : Arrays.stream(workers.split(",")).map(String::trim).map(Integer::valueOf).toList();
        return KernelSettings.withCores(topology, config.schedulerCore(), cores)
                .withPollInterval(TimeUnit.MICROSECONDS.toNanos(config.pollIntervalMicros()))
                .withIdleStrategy(config.idleStrategy())
                .withPinning(config.pinThreads())
                .withKThreadSpin(config.kthreadSpinNanos())
                .withPacketDriver(config.packetDriver())
                .withPickBudget(TimeUnit.MICROSECONDS.toNanos(config.pickBudgetMicros()), config.pickBudgetStrikes())
                .withSpinningKThreads(config.spinningKThreads());
    }

    @Modified
    void modified(KernelConfig config) {
        configure(config.threadPick(), config.coreAllocation());
        packetDriver(config.packetDriver());
    }

    @Deactivate
    void deactivate() {
        stop();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindThreadPickPolicy(ThreadPickPolicy policy, ServiceReference<ThreadPickPolicy> reference) {
        Bundle bundle = reference.getBundle();
        addPolicy(PolicyEntry.threadPick(policy, symbolicName(bundle), version(bundle)));
    }

    void unbindThreadPickPolicy(ThreadPickPolicy policy) {
        quietIfFrameworkStopping();
        removePolicy(policy);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCoreAllocationPolicy(CoreAllocationPolicy policy, ServiceReference<CoreAllocationPolicy> reference) {
        Bundle bundle = reference.getBundle();
        addPolicy(PolicyEntry.coreAllocation(policy, symbolicName(bundle), version(bundle)));
    }

    void unbindCoreAllocationPolicy(CoreAllocationPolicy policy) {
        quietIfFrameworkStopping();
        removePolicy(policy);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPacketDriver(PacketDriver driver, ServiceReference<PacketDriver> reference) {
        Object name = reference.getProperty(PacketDriver.NAME_PROPERTY);
        addDriver(driver, name == null ? driver.name() : name.toString());
    }

    void unbindPacketDriver(PacketDriver driver) {
        quietIfFrameworkStopping();
        removeDriver(driver);
    }

    /**
     * A policy leaving because the kernel's own bundle or the whole framework stops is not news
     * (OSGi Core R8 §4.4.9: the system bundle is STOPPING while every bundle stops); one
     * leaving alone still is.
     */
    private void quietIfFrameworkStopping() {
        if (isStopping(systemBundle) || isStopping(ownBundle)) {
            logger.quiet();
        }
    }

    private static boolean isStopping(Bundle bundle) {
        return bundle != null && bundle.getState() == Bundle.STOPPING;
    }

    private static String symbolicName(Bundle bundle) {
        return bundle == null ? PolicyEntry.NO_BUNDLE : bundle.getSymbolicName();
    }

    private static String version(Bundle bundle) {
        return bundle == null ? PolicyEntry.NO_BUNDLE : bundle.getVersion().toString();
    }
}
