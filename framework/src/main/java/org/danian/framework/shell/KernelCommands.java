package org.danian.framework.shell;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.PolicySlotStatus;
import org.danian.kernel.SwapResult;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The {@code danian} shell commands on policies and status (Apache Felix Gogo):
 * {@code danian:policies}, {@code danian:policy [name]}, {@code danian:allocator [name]},
 * {@code danian:status}. Gogo finds them through the service properties
 * {@code osgi.command.scope} and {@code osgi.command.function}; every public method of those
 * names is a command, and the strings they return are what the shell prints. Each takes
 * {@code --json} (or {@code -j}) and then answers with the API's records as one line of JSON
 * ({@link JsonAnswer}), which scripts read instead of the wording. A mistake (an unknown policy
 * name) or a failure (a swap abandoned) throws, so that the shell, and {@code bin/danian}
 * running one command, report an error.
 *
 * <p>The commands run on the shell's thread and block while the scheduler thread carries
 * each kernel call out (microseconds). ConfigurationAdmin is optional: without it, a swap
 * still happens but is not persisted, and the command says so.
 */
@Component(service = KernelCommands.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=policies",
    "osgi.command.function=policy",
    "osgi.command.function=allocator",
    "osgi.command.function=status"
})
public final class KernelCommands {

    private static final String JSON_HELP = "answer as one line of JSON (the API's records) instead of text";

    private final KernelAdmin kernel;
    private final PolicyChoiceStore store;

    /** The answer of a swap as data: what the kernel did, and whether the choice was saved. */
    record SwapAnswer(SwapResult result, boolean saved) {
    }

    /** The DS constructor: the kernel, and ConfigAdmin if there is one (optional, rebinding greedily). */
    @Activate
    public KernelCommands(@Reference(name = "kernel") KernelAdmin kernel,
                          @Reference(name = "configurationAdmin", cardinality = ReferenceCardinality.OPTIONAL,
                                  policyOption = ReferencePolicyOption.GREEDY) ConfigurationAdmin configurationAdmin) {
        this(kernel, configurationAdmin == null ? null : new ConfigAdminChoiceStore(configurationAdmin));
    }

    KernelCommands(KernelAdmin kernel, PolicyChoiceStore store) {
        this.kernel = kernel;
        this.store = store;
    }

    @Descriptor("list every installed policy: name, kind, providing bundle and version, whether active or ejected")
    public String policies(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json) {
        List<PolicyInfo> policies = kernel.policies();
        if (json) {
            return JsonAnswer.of(policies);
        }
        if (policies.isEmpty()) {
            return "no policy service is installed\n";
        }
        ShellTable table = new ShellTable("NAME", "KIND", "BUNDLE", "VERSION", "ACTIVE");
        for (PolicyInfo policy : policies) {
            table.row(policy.name(), policy.kind().label(), policy.bundleSymbolicName(), policy.bundleVersion(),
                    policy.active() ? "yes" : policy.ejected() ? "no (ejected)" : "no");
        }
        return table.toString();
    }

    @Descriptor("show the thread-pick slot: the active and the configured policy")
    public String policy(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json) {
        return show(PolicyKind.THREAD_PICK, json);
    }

    @Descriptor("hot-swap the thread-pick policy and save the choice in the kernel's configuration")
    public String policy(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json,
            @Descriptor("name of an installed thread-pick policy (see danian:policies)") String name) {
        return swap(PolicyKind.THREAD_PICK, name, json);
    }

    @Descriptor("show the core-allocation slot: the active and the configured allocator")
    public String allocator(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json) {
        return show(PolicyKind.CORE_ALLOCATION, json);
    }

    @Descriptor("hot-swap the core-allocation policy and save the choice in the kernel's configuration")
    public String allocator(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json,
            @Descriptor("name of an installed core-allocation policy (see danian:policies)") String name) {
        return swap(PolicyKind.CORE_ALLOCATION, name, json);
    }

    @Descriptor("show settings, policy slots, procs and kthreads (running, idle or ceding, on which core), cores,"
            + " the packet driver and its counters, recent policy events, warnings, and the scheduling metrics")
    public String status(@Descriptor(JSON_HELP) @Parameter(names = {"-j", "--json"}, presentValue = "true",
            absentValue = "false") boolean json) {
        if (json) {
            return JsonAnswer.of(kernel.status());
        }
        return StatusReport.render(kernel.status()) + "\n" + StatsReport.scheduling(kernel.metrics());
    }

    private String show(PolicyKind kind, boolean json) {
        PolicySlotStatus slot = kernel.status().slot(kind);
        if (json) {
            return JsonAnswer.of(slot);
        }
        return kind.label() + " policy: " + (slot.active() == null ? "none" : slot.active())
                + " (configured: " + slot.configured() + ")\n";
    }

    private String swap(PolicyKind kind, String name, boolean json) {
        requireName(kind, name);
        SwapResult result = kernel.swap(kind, name);
        if (result.outcome() == SwapResult.Outcome.FAILED) {
            throw new IllegalStateException("swap to " + kind.label() + " policy '" + name + "' failed, "
                    + quoted(result.previous()) + " stays active: " + result.failureReason());
        }
        boolean saved = persist(kind, name);
        if (json) {
            return JsonAnswer.of(new SwapAnswer(result, saved));
        }
        String swapped = result.outcome() == SwapResult.Outcome.SWAPPED
                ? kind.label() + " policy: " + quoted(result.previous()) + " -> '" + name + "' (scheduler paused "
                        + String.format(Locale.ROOT, "%.1f µs", result.pauseNanos() / 1_000.0) + ")"
                : kind.label() + " policy: '" + name + "' (already active)";
        return swapped + "; " + (saved ? "saved in configuration " + KernelAdmin.CONFIGURATION_PID
                : "not saved: ConfigurationAdmin is not available, the choice lasts until restart") + "\n";
    }

    /** Rejects a name of the wrong kind with a hint, before the kernel's own message. */
    private void requireName(PolicyKind kind, String name) {
        List<PolicyInfo> policies = kernel.policies();
        boolean known = policies.stream().anyMatch(p -> p.kind() == kind && p.name().equals(name));
        if (!known) {
            List<String> valid = policies.stream().filter(p -> p.kind() == kind).map(PolicyInfo::name).distinct()
                    .toList();
            boolean otherKind = policies.stream().anyMatch(p -> p.kind() != kind && p.name().equals(name));
            throw new IllegalArgumentException("unknown " + kind.label() + " policy '" + name + "'"
                    + (otherKind ? " (it is a policy of the other kind)" : "") + "; valid names: "
                    + (valid.isEmpty() ? "none installed" : String.join(", ", valid)));
        }
    }

    private boolean persist(PolicyKind kind, String name) {
        if (store == null) {
            return false;
        }
        try {
            store.save(kind, name);
            return true;
        } catch (IOException e) {
            throw new IllegalStateException("swapped to " + kind.label() + " policy '" + name + "' but could not"
                    + " save the choice in configuration " + KernelAdmin.CONFIGURATION_PID + ": " + e.getMessage(), e);
        }
    }

    private static String quoted(String name) {
        return name == null ? "none" : "'" + name + "'";
    }
}
