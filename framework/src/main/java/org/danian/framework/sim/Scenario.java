package org.danian.framework.sim;

import java.util.List;

/**
 * One simulated run: the machine, the policies, the procs and their load, how long, the
 * seed of every random stream, and the cost model.
 *
 * @param cores worker cores, in sibling pairs (0,1), (2,3), …; the scheduler has a core of its
 *     own besides them, as Caladan's IOKernel does
 * @param threadPick the thread-pick policy to run (by name)
 * @param coreAllocation the core allocator to run (by name)
 * @param procs the procs, in start order
 * @param requests completed measured requests after which the run ends (warm-up included)
 * @param warmupFraction the first fraction of measured requests (by arrival) left out of the
 *     latency figures
 * @param seed the seed every random stream of the run derives from
 * @param costs the cost model
 * @param runtime how requests are steered to kthreads and whether they yield
 */
public record Scenario(int cores, String threadPick, String coreAllocation, List<ProcWorkload> procs,
                       long requests, double warmupFraction, long seed, CostModel costs, RuntimeModel runtime) {

    /** The most cores a simulated machine may have. */
    public static final int MAX_CORES = 1024;

    public Scenario {
        procs = List.copyOf(procs);
        if (cores < 1 || cores > MAX_CORES) {
            throw new IllegalArgumentException("cores must be in 1.." + MAX_CORES + ": " + cores);
        }
        if (procs.isEmpty() || procs.stream().noneMatch(ProcWorkload::measured)) {
            throw new IllegalArgumentException("a scenario needs at least one measured proc: " + procs);
        }
        if (requests < 1) {
            throw new IllegalArgumentException("requests must be at least 1: " + requests);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("warmupFraction must be in [0, 1): " + warmupFraction);
        }
        if (threadPick == null || coreAllocation == null || costs == null || runtime == null) {
            throw new IllegalArgumentException("threadPick, coreAllocation, costs and runtime must not be null");
        }
    }

    /** A run with the default runtime model ({@link RuntimeModel#defaults()}). */
    public Scenario(int cores, String threadPick, String coreAllocation, List<ProcWorkload> procs, long requests,
                    double warmupFraction, long seed, CostModel costs) {
        this(cores, threadPick, coreAllocation, procs, requests, warmupFraction, seed, costs, RuntimeModel.defaults());
    }

    public Scenario withPolicies(String pick, String allocator) {
        return new Scenario(cores, pick, allocator, procs, requests, warmupFraction, seed, costs, runtime);
    }

    public Scenario withRuntime(RuntimeModel model) {
        return new Scenario(cores, threadPick, coreAllocation, procs, requests, warmupFraction, seed, costs, model);
    }
}
