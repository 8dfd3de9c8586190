package org.danian.framework.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * What {@code danian:simulate} and {@code bin/danian simulate} both do: parse the options,
 * calibrate once for every policy of every sweep (or read the calibration file), run the
 * sweeps, write the CSVs, and answer a summary.
 */
public final class SimulateCommandRunner {

    private SimulateCommandRunner() {
    }

    /** The result of a command: its answer, and every run for a caller that draws figures. */
    public record Outcome(SimulateOptions options, SimulateAnswer answer, List<SweepPoint> points) {
    }

    public static Outcome run(List<String> words, Map<String, Supplier<ThreadPickPolicy>> pickPolicies,
                              Map<String, Supplier<CoreAllocationPolicy>> allocators) throws IOException {
        long start = System.nanoTime();
        SimulateOptions options = SimulateOptions.parse(words);
        SimulationSweep sweep = new SimulationSweep(pickPolicies, allocators);
        SweepSpec widest = widest(options.sweeps());
        PickCostTable calibration = sweep.calibration(widest, options.calibration());
        List<SweepPoint> points = new ArrayList<>();
        for (SweepSpec spec : options.sweeps()) {
            points.addAll(sweep.run(spec, calibration));
        }
        Path out = options.out();
        SweepCsv.write(out, points, calibration);
        SimulateAnswer answer = SimulateAnswer.of(out.toAbsolutePath().toString(),
                out.resolve("calibration.csv").toAbsolutePath().toString(), points,
                (System.nanoTime() - start) / 1_000_000);
        return new Outcome(options, answer, points);
    }

    /** One spec whose policies and largest idle set cover every sweep (for the calibration). */
    private static SweepSpec widest(List<SweepSpec> sweeps) {
        List<String> policies = new ArrayList<>();
        List<Integer> cores = new ArrayList<>();
        for (SweepSpec spec : sweeps) {
            spec.policies().stream().filter(p -> !policies.contains(p)).forEach(policies::add);
            cores.addAll(spec.cores());
        }
        SweepSpec first = sweeps.get(0);
        int perCore = sweeps.stream().mapToInt(SweepSpec::kthreadsPerCore).max().orElse(1);
        return new SweepSpec(policies, first.allocator(), cores, first.workload(), first.loads(), first.requests(),
                first.seed(), perCore, first.service(), first.costs(), first.runtime());
    }
}
