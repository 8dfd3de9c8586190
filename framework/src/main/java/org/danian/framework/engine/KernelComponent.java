package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.danian.framework.affinity.SysfsTopology;
import org.danian.framework.metrics.MetricsJmx;
import org.danian.framework.flight.PolicySwapEvent;
import org.danian.framework.settings.EjectionRecord;
import org.danian.framework.settings.KernelSettingsReader;
import org.danian.framework.settings.SettingRefused;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SchedulerKernel;
import org.danian.kernel.SwapResult;
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
 *
 * <p><b>Settings are checked when offered.</b> The engine settings are read by
 * {@link KernelSettingsReader}, the one place that knows their ranges. At activation a refused
 * property is replaced by its default and the kernel starts anyway, saying so loudly (log at
 * ERROR, which the distribution's console handler writes to standard error, and a warning in
 * {@link KernelStatus#warnings()}): a bad persisted value never keeps the kernel from starting.
 * A configuration offered while the kernel runs is read at once; a refused property is
 * reported the same way and the settings in effect stay (they change only at the next start
 * anyway). The policy choices of the same configuration still apply at once.
 */
@Component(service = {SchedulerKernel.class, KernelAdmin.class}, immediate = true,
        configurationPid = KernelAdmin.CONFIGURATION_PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = KernelConfig.class)
public final class KernelComponent extends Kernel {

    /** The most setting refusals {@link #status()} carries as warnings; the log has them all. */
    private static final int MAX_SETTING_WARNINGS = 8;

    private final ShutdownQuietLogger logger;
    private volatile List<String> settingWarnings = List.of();
    private volatile List<String> ejectionWarnings = List.of();
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
    void activate(Map<String, Object> properties, BundleContext context) {
        systemBundle = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        ownBundle = context.getBundle();
        List<SettingRefused> refused = new ArrayList<>();
        settings(settingsFrom(topology(), properties, refused));
        for (SettingRefused refusal : refused) {
            refuse(refusal, "the kernel starts with its default instead");
        }
        recordedEjections(properties);
        start(policyName(properties, PolicyKind.THREAD_PICK.configurationProperty(), KernelConfig.DEFAULT_THREAD_PICK),
                policyName(properties, PolicyKind.CORE_ALLOCATION.configurationProperty(), KernelConfig.DEFAULT_CORE_ALLOCATION));
        enableJmx(new MetricsJmx(kernelMetrics()));
    }

    /**
     * The engine's settings from the configuration's properties, each refused property
     * replaced by its default and added to {@code refused}.
     */
    static KernelSettings settingsFrom(CoreTopology topology, Map<String, ?> properties, List<SettingRefused> refused) {
        return new KernelSettingsReader(topology.coreCount()).readOrDefault(properties, refused);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        try {
            new KernelSettingsReader(topology().coreCount()).read(properties);
        } catch (SettingRefused refusal) {
            refuse(refusal, "the settings in effect stay");
        }
        recordedEjections(properties);
        configure(policyName(properties, PolicyKind.THREAD_PICK.configurationProperty(), KernelConfig.DEFAULT_THREAD_PICK),
                policyName(properties, PolicyKind.CORE_ALLOCATION.configurationProperty(), KernelConfig.DEFAULT_CORE_ALLOCATION));
        packetDriver(policyName(properties, KernelSettingsReader.PACKET_DRIVER, KernelSettings.KERNEL_UDP_DRIVER));
    }

    /** As the kernel's swap, and a Flight Recorder event for it. */
    @Override
    public SwapResult swap(PolicyKind kind, String name) {
        SwapResult result = super.swap(kind, name);
        PolicySwapEvent.commit(result);
        return result;
    }

    /**
     * The status, with a warning for each setting refused since the kernel started, each
     * ejection an earlier run recorded, and each policy refused for a name already taken.
     */
    @Override
    public KernelStatus status() {
        KernelStatus status = super.status();
        List<String> refusals = new ArrayList<>(settingWarnings);
        refusals.addAll(ejectionWarnings);
        refusals.addAll(refusedPolicies());
        if (refusals.isEmpty()) {
            return status;
        }
        List<String> warnings = new ArrayList<>(status.warnings());
        warnings.addAll(refusals);
        return new KernelStatus(status.settings(), status.coreCount(), status.procs(), status.threadPick(),
                status.coreAllocation(), status.packets(), status.events(), warnings, status.pinning(),
                status.priority());
    }

    /** Warns (log and status) of each ejection an earlier run recorded in the configuration. */
    private void recordedEjections(Map<String, ?> properties) {
        List<String> warnings = EjectionRecord.warnings(properties);
        if (!warnings.equals(ejectionWarnings)) {
            warnings.forEach(warning -> logger.log(System.Logger.Level.WARNING, warning));
        }
        ejectionWarnings = warnings;
    }

    private void refuse(SettingRefused refusal, String consequence) {
        String message = "configuration " + KernelAdmin.CONFIGURATION_PID + ": " + refusal.getMessage() + "; "
                + consequence;
        logger.log(System.Logger.Level.ERROR, message);
        List<String> warnings = new ArrayList<>(settingWarnings);
        warnings.remove(message);
        warnings.add(message);
        settingWarnings = List.copyOf(warnings.subList(Math.max(0, warnings.size() - MAX_SETTING_WARNINGS),
                warnings.size()));
    }

    private static String policyName(Map<String, ?> properties, String key, String fallback) {
        Object value = properties.get(key);
        return value == null || value.toString().isBlank() ? fallback : value.toString().trim();
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
