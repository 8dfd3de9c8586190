package org.danian.framework.sim;

import java.util.List;

/**
 * A sweep: every thread-pick policy × every core count × every offered load, one run each,
 * all with the same allocator, workload, length, seed and cost model.
 *
 * @param policies thread-pick policies, by name
 * @param allocator the core allocator, by name
 * @param cores worker core counts (each up to {@link Scenario#MAX_CORES})
 * @param workload a {@link WorkloadCatalog} name
 * @param loads offered loads, each in (0, 1.5]
 * @param requests measured requests per run
 * @param seed the seed of every run (so policies meet the same arrivals)
 * @param kthreadsPerCore kthreads of the latency-critical proc per worker core
 * @param service the requests' service time
 * @param costs the cost model
 * @param runtime how requests are steered to kthreads and whether they yield
 */
public record SweepSpec(List<String> policies, String allocator, List<Integer> cores, String workload,
                        List<Double> loads, long requests, long seed, int kthreadsPerCore, ServiceTime service,
                        CostModel costs, RuntimeModel runtime) {

    public SweepSpec {
        policies = List.copyOf(policies);
        cores = List.copyOf(cores);
        loads = List.copyOf(loads);
        if (policies.isEmpty() || cores.isEmpty() || loads.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs policies, core counts and loads: " + policies + ", "
                    + cores + ", " + loads);
        }
        for (int n : cores) {
            if (n < 1 || n > Scenario.MAX_CORES) {
                throw new IllegalArgumentException("core count must be in 1.." + Scenario.MAX_CORES + ": " + n);
            }
        }
        for (double load : loads) {
            if (!(load > 0 && load <= 1.5)) {
                throw new IllegalArgumentException("load must be in (0, 1.5]: " + load);
            }
        }
        if (!WorkloadCatalog.NAMES.contains(workload)) {
            throw new IllegalArgumentException("unknown workload '" + workload + "'; valid: "
                    + String.join(", ", WorkloadCatalog.NAMES));
        }
        if (runtime == null) {
            throw new IllegalArgumentException("runtime must not be null");
        }
        if (kthreadsPerCore < 1) {
            throw new IllegalArgumentException("kthreadsPerCore must be at least 1: " + kthreadsPerCore);
        }
    }

    /** The run of {@code policy} at {@code coreCount} cores and {@code load}. */
    public Scenario scenario(String policy, int coreCount, double load) {
        List<ProcWorkload> procs = WorkloadCatalog.procs(workload, coreCount, coreCount * kthreadsPerCore, load,
                service, requests);
        return new Scenario(coreCount, policy, allocator, procs, requests, 0.1, seed, costs, runtime);
    }

    /** The most kthreads any proc of the sweep has: the calibration's largest idle set. */
    public int maxKThreads() {
        int most = 0;
        for (int n : cores) {
            most = Math.max(most, n * kthreadsPerCore);
        }
        return most;
    }
}
