package org.danian.framework.shell;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.danian.framework.metrics.MetricsSource;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SchedulerKernel;
import org.danian.kernel.SwapResult;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code danian} shell commands (Apache Felix Gogo): {@code danian:policies},
 * {@code danian:policy [name]}, {@code danian:status}. Gogo finds them through the service
 * properties {@code osgi.command.scope} and {@code osgi.command.function}; every public method
 * of those names is a command, and the strings they return are what the shell prints. A
 * mistake (an unknown policy name) or a failure (a swap abandoned) throws, so that the shell,
 * and {@code bin/danian} running one command, report an error.
 *
 * <p>The commands run on the shell's thread and block while the scheduler thread carries
 * each kernel call out (microseconds). ConfigurationAdmin is optional: without it, a swap
 * still happens but is not persisted, and the command says so.
 */
@Component(service = KernelCommands.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=policies",
    "osgi.command.function=policy",
    "osgi.command.function=status"
})
public final class KernelCommands {

    private final SchedulerKernel kernel;
    private final PolicyChoiceStore store;
    private final MetricsSource metrics;

    /**
     * The DS constructor: the kernel, ConfigAdmin if there is one, and the kernel's metrics if
     * published (both optional, rebinding greedily).
     */
    @Activate
    public KernelCommands(@Reference(name = "kernel") SchedulerKernel kernel,
                          @Reference(name = "configurationAdmin", cardinality = ReferenceCardinality.OPTIONAL,
                                  policyOption = ReferencePolicyOption.GREEDY) ConfigurationAdmin configurationAdmin,
                          @Reference(name = "metrics", cardinality = ReferenceCardinality.OPTIONAL,
                                  policyOption = ReferencePolicyOption.GREEDY) MetricsSource metrics) {
        this(kernel, configurationAdmin == null ? null : new ConfigAdminChoiceStore(configurationAdmin), metrics);
    }

    KernelCommands(SchedulerKernel kernel, PolicyChoiceStore store) {
        this(kernel, store, null);
    }

    KernelCommands(SchedulerKernel kernel, PolicyChoiceStore store, MetricsSource metrics) {
        this.kernel = kernel;
        this.store = store;
        this.metrics = metrics;
    }

    @Descriptor("list every installed policy: name, kind, providing bundle and version, whether active")
    public String policies() {
        List<PolicyInfo> policies = kernel.policies();
        if (policies.isEmpty()) {
            return "no policy service is installed\n";
        }
        TextTable table = new TextTable("NAME", "KIND", "BUNDLE", "VERSION", "ACTIVE");
        for (PolicyInfo policy : policies) {
            table.row(policy.name(), policy.kind().label(), policy.bundleSymbolicName(), policy.bundleVersion(),
                    policy.active() ? "yes" : policy.ejected() ? "no (ejected)" : "no");
        }
        return table.toString();
    }

    @Descriptor("show the active thread-pick policy")
    public String policy() {
        return kernel.activeThreadPickPolicy()
                .map(name -> "thread-pick policy: " + name + "\n")
                .orElse("thread-pick policy: none (grants are served by the kernel's built-in"
                        + " least-recently-parked rule)\n");
    }

    @Descriptor("hot-swap the thread-pick policy and save the choice in the kernel's configuration")
    public String policy(@Descriptor("name of an installed thread-pick policy (see danian:policies)") String name) {
        requireThreadPickName(name);
        SwapResult result = kernel.swapThreadPickPolicy(name);
        if (result.outcome() == SwapResult.Outcome.FAILED) {
            throw new IllegalStateException("swap to '" + name + "' failed, " + quoted(result.previous())
                    + " stays active: " + result.failureReason());
        }
        String swapped = result.outcome() == SwapResult.Outcome.SWAPPED
                ? "thread-pick policy: " + quoted(result.previous()) + " -> '" + name + "' (scheduler paused "
                        + micros(result.pauseNanos()) + ")"
                : "thread-pick policy: '" + name + "' (already active)";
        return swapped + "; " + persist(name) + "\n";
    }

    @Descriptor("show procs, kthreads (idle or running, on which core), cores, active policies, swaps, ejections,"
            + " packet counters, and per proc and overall: cores held, core-seconds, grants, picks, locality"
            + " hits, migrations")
    public String status() {
        String status = StatusReport.render(kernel.status()) + "\n" + StatusReport.packets(kernel.packetCounters());
        return metrics == null ? status : status + "\n" + StatsReport.scheduling(metrics.metrics());
    }

    private void requireThreadPickName(String name) {
        List<PolicyInfo> policies = kernel.policies();
        List<String> valid = policies.stream().filter(p -> p.kind() == PolicyKind.THREAD_PICK)
                .map(PolicyInfo::name).distinct().toList();
        if (!valid.contains(name)) {
            boolean isCoreAllocation = policies.stream()
                    .anyMatch(p -> p.kind() == PolicyKind.CORE_ALLOCATION && p.name().equals(name));
            throw new IllegalArgumentException("unknown thread-pick policy '" + name + "'"
                    + (isCoreAllocation ? " (it is a core-allocation policy)" : "") + "; valid names: "
                    + (valid.isEmpty() ? "none installed" : String.join(", ", valid)));
        }
    }

    private String persist(String name) {
        if (store == null) {
            return "not saved: ConfigurationAdmin is not available, the choice lasts until restart";
        }
        try {
            store.saveThreadPick(name);
        } catch (IOException e) {
            throw new IllegalStateException("swapped to '" + name + "' but could not save the choice in"
                    + " configuration " + SchedulerKernel.CONFIGURATION_PID + ": " + e.getMessage(), e);
        }
        return "saved in configuration " + SchedulerKernel.CONFIGURATION_PID;
    }

    private static String quoted(String name) {
        return name == null ? "none" : "'" + name + "'";
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1_000.0);
    }
}
