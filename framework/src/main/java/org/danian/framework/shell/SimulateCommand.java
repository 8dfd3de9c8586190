package org.danian.framework.shell;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.apache.felix.service.command.Descriptor;
import org.danian.framework.sim.SimulateCommandRunner;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@code danian:simulate} shell command: runs the discrete-event simulator
 * ({@code org.danian.framework.sim}, docs/simulator.md) on the policy services installed in
 * this framework, the very service objects the kernel's registry holds (tracked here the same
 * way, by dynamic multiple references), and writes its CSV files. It never touches the
 * running kernel: every run builds its own kernel in virtual time. The options are those of
 * {@code SimulateOptions}; {@code --json} answers a {@code SimulateAnswer} as one line of JSON.
 * Figures (PNG and index.html) come from {@code bin/danian simulate}, which runs outside the
 * framework where the charting library is.
 */
@Component(service = SimulateCommand.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=simulate"
})
public final class SimulateCommand {

    private final Map<String, ThreadPickPolicy> pickPolicies = new ConcurrentHashMap<>();
    private final Map<String, CoreAllocationPolicy> allocators = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindThreadPickPolicy(ThreadPickPolicy policy) {
        pickPolicies.put(policy.name(), policy);
    }

    void unbindThreadPickPolicy(ThreadPickPolicy policy) {
        pickPolicies.remove(policy.name(), policy);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindCoreAllocationPolicy(CoreAllocationPolicy policy) {
        allocators.put(policy.name(), policy);
    }

    void unbindCoreAllocationPolicy(CoreAllocationPolicy policy) {
        allocators.remove(policy.name(), policy);
    }

    @Descriptor("simulate the scheduler in virtual time with the installed policies: --policies a,b --allocator"
            + " name --cores 16,64 --workload poisson|netperf|mixed|step --load 0.2:0.9:0.1 --requests n --seed n"
            + " --service constant|exponential|bimodal --service-us x --kthreads-per-core n --calibration file"
            + " --pick-ns x --steering kthreads|ingress --yield-us x --out dir --paper --json"
            + " (see docs/simulator.md)")
    public String simulate(@Descriptor("options") String... args) {
        List<String> words = Arrays.asList(args);
        try {
            SimulateCommandRunner.Outcome outcome = SimulateCommandRunner.run(words, suppliers(pickPolicies),
                    suppliers(allocators));
            return outcome.options().json() ? JsonAnswer.of(outcome.answer()) : outcome.answer().render();
        } catch (IOException e) {
            throw new UncheckedIOException("simulate could not write its files: " + e.getMessage(), e);
        }
    }

    private static <T> Map<String, Supplier<T>> suppliers(Map<String, T> services) {
        Map<String, Supplier<T>> result = new java.util.HashMap<>();
        services.forEach((name, service) -> result.put(name, () -> service));
        return result;
    }
}
