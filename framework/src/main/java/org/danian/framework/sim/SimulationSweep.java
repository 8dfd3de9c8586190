package org.danian.framework.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * Runs a {@link SweepSpec}: calibrates the pick costs of its policies (or reads a previous
 * run's {@code calibration.csv}), then runs every point one after another, each on a fresh
 * kernel with fresh policy instances from the given factories (so no state crosses runs),
 * and writes the CSVs ({@link SweepCsv}).
 *
 * <p>The factories are what the caller has: inside the framework, the kernel's registry of
 * installed policy services; outside it, the policy classes themselves.
 */
public final class SimulationSweep {

    /** Wall time spent measuring each calibration cell: the whole calibration stays under a second or so. */
    public static final long CALIBRATION_CELL_NANOS = 1_000_000;

    private final Map<String, Supplier<ThreadPickPolicy>> pickPolicies;
    private final Map<String, Supplier<CoreAllocationPolicy>> allocators;

    /**
     * @param pickPolicies thread-pick policies by name, each supplier making a fresh instance
     * @param allocators core allocators by name
     */
    public SimulationSweep(Map<String, Supplier<ThreadPickPolicy>> pickPolicies,
                           Map<String, Supplier<CoreAllocationPolicy>> allocators) {
        this.pickPolicies = Map.copyOf(pickPolicies);
        this.allocators = Map.copyOf(allocators);
    }

    /**
     * The pick-cost table for {@code spec}: read from {@code calibrationFile} if given, else
     * measured now for the spec's policies.
     *
     * @throws IllegalArgumentException naming the valid names if a policy is not installed
     */
    public PickCostTable calibration(SweepSpec spec, Path calibrationFile) throws IOException {
        List<ThreadPickPolicy> policies = new ArrayList<>();
        for (String name : spec.policies()) {
            policies.add(pick(name));
        }
        allocator(spec.allocator());
        if (calibrationFile != null) {
            PickCostTable table = PickCostTable.parse(Files.readString(calibrationFile));
            for (String name : spec.policies()) {
                if (!table.covers(name) && spec.costs().pickCharge() == CostModel.PickCharge.CALIBRATED) {
                    throw new IllegalArgumentException("calibration file " + calibrationFile + " has no costs for '"
                            + name + "'; it covers " + table.policies());
                }
            }
            return table;
        }
        return PickCostCalibration.measure(policies, spec.maxKThreads(), CALIBRATION_CELL_NANOS);
    }

    /** Runs every point, policies outermost, then core counts, then loads. */
    public List<SweepPoint> run(SweepSpec spec, PickCostTable calibration) {
        List<SweepPoint> points = new ArrayList<>();
        for (String policy : spec.policies()) {
            for (int cores : spec.cores()) {
                for (double load : spec.loads()) {
                    Scenario scenario = spec.scenario(policy, cores, load);
                    Simulation run = new Simulation(scenario, List.of(pick(policy)), List.of(allocator(spec.allocator())),
                            calibration);
                    points.add(new SweepPoint(spec.workload(), load, run.run()));
                }
            }
        }
        return points;
    }

    private ThreadPickPolicy pick(String name) {
        Supplier<ThreadPickPolicy> factory = pickPolicies.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown thread-pick policy '" + name + "'; installed: "
                    + new java.util.TreeSet<>(pickPolicies.keySet()));
        }
        return factory.get();
    }

    private CoreAllocationPolicy allocator(String name) {
        Supplier<CoreAllocationPolicy> factory = allocators.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown core allocator '" + name + "'; installed: "
                    + new java.util.TreeSet<>(allocators.keySet()));
        }
        return factory.get();
    }
}
