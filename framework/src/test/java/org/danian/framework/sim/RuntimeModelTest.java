package org.danian.framework.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.Test;

/**
 * The runtime model (docs/simulator.md, "Kthreads"): requests steered to per-kthread run
 * queues, work stealing, and yields after a quantum.
 */
class RuntimeModelTest {

    private static final int CORES = 16;
    private static final long MEAN_SERVICE_NANOS = 10_000;
    private static final PickCostTable NO_TABLE = PickCostTable.parse(PickCostTable.HEADER);

    private static SimResult fixedCores(double load, ServiceTime service, RuntimeModel runtime, long requests) {
        double lambda = load * CORES * 1e9 / service.meanNanos();
        ProcSpec spec = new ProcSpec("lc", CORES, Priority.LATENCY_CRITICAL, CORES, CORES, 0, 1);
        Scenario scenario = new Scenario(CORES, "lru", "simple", List.of(ProcWorkload.open(spec, service, lambda)),
                requests, 0.1, 42, CostModel.zeroOverhead(), runtime);
        return new Simulation(scenario, List.of(new LruTestPolicy("lru")), List.of(new SimpleAllocationPolicy()),
                NO_TABLE).run();
    }

    /**
     * Round-robin steering alone would make 16 M/M/1 queues (mean sojourn 50 µs at load 0.8);
     * stealing makes the kthreads work-conserving, so the number of requests in the system
     * evolves as in M/M/16 and, by Little's law, the mean sojourn is Erlang C's (about 12 µs),
     * though the order within the queues is not FIFO (so the p99 is not checked here).
     */
    @Test
    void stealingMakesPerKThreadQueuesWorkConserving() {
        double load = 0.8;
        SimResult result = fixedCores(load, new ServiceTime(ServiceTime.Kind.EXPONENTIAL, MEAN_SERVICE_NANOS),
                RuntimeModel.defaults(), 1_500_000);
        double mu = 1e9 / MEAN_SERVICE_NANOS;
        double meanNanos = new ErlangC(CORES, load * CORES * mu, mu).meanSojourn() * 1e9;
        assertTrue(result.steals() > 10_000, "too few steals: " + result.steals());
        assertTrue(result.stolen() >= result.steals(), result.stolen() + " requests in " + result.steals() + " steals");
        assertEquals(meanNanos, result.measured().meanNanos(), meanNanos * 0.02,
                "mean sojourn with per-kthread queues and stealing (Erlang C: " + meanNanos + " ns)");
    }

    /**
     * Congestion is judged on the kthreads' run queues as the live kernel judges it: with
     * Shenango's rule (threshold 0), a request steered behind a busy kthread and still queued
     * at the next slow pass makes the proc congested, so another core is granted and its
     * kthread steals the request. So no request waits for the 1 ms request ahead of it: the
     * longest sojourn is one service plus three poll intervals (the pass that sees the request,
     * the pass after it, and one more when the proc was granted a core just before, since the
     * kernel skips one decision after a grant, Caladan's "waking"), the wake-up, and a few µs
     * of scheduler time and migration penalty. At 200 requests/s on 8 cores, more than 8
     * requests at once (which would have to wait) is beyond a 10⁻⁹ chance.
     */
    @Test
    void aRequestQueuedBehindABusyKThreadGetsAnotherCoreWithinThreePolls() {
        CostModel costs = CostModel.defaults().withPickCharge(CostModel.PickCharge.FIXED, 50);
        ProcSpec spec = new ProcSpec("lc", 8, Priority.LATENCY_CRITICAL, 0, 8, 0, 1);
        long service = 1_000_000;
        Scenario scenario = new Scenario(8, "lru", "simple",
                List.of(ProcWorkload.open(spec, new ServiceTime(ServiceTime.Kind.CONSTANT, service), 200)), 3_000, 0,
                9, costs);
        SimResult result = new Simulation(scenario, List.of(new LruTestPolicy("lru")),
                List.of(new SimpleAllocationPolicy()), NO_TABLE).run();
        long bound = service + 3 * costs.pollIntervalNanos() + costs.wakeLatencyNanos() + 5_000;
        assertTrue(result.steals() > 100, "too few requests queued behind a busy kthread: " + result.steals());
        assertTrue(result.measured().maxNanos() <= bound * 1.001, // HdrHistogram's 3 significant digits
                "a request waited beyond three polls (" + bound + " ns): " + result.measured().maxNanos() + " ns");
    }

    /** Under shared-ingress steering nothing lands in a kthread's run queue, so nothing is stolen. */
    @Test
    void sharedIngressHasNothingToSteal() {
        SimResult result = fixedCores(0.8, new ServiceTime(ServiceTime.Kind.EXPONENTIAL, MEAN_SERVICE_NANOS),
                RuntimeModel.sharedIngress(), 200_000);
        assertEquals(0, result.steals());
        assertEquals(0, result.yields());
    }

    /**
     * A 25 µs request with a 10 µs quantum runs in three slices, yielding twice; the run counts
     * every yield (requests still in flight at the end have yielded at most twice).
     */
    @Test
    void aRequestYieldsOncePerQuantumItOutlasts() {
        SimResult result = fixedCores(0.5, new ServiceTime(ServiceTime.Kind.CONSTANT, 25_000),
                RuntimeModel.defaults().withYieldQuantum(10_000), 100_000);
        SimResult.ProcResult proc = result.measured();
        assertTrue(result.yields() >= 2 * proc.completed() && result.yields() <= 2 * proc.arrived(),
                result.yields() + " yields for " + proc.completed() + " completed of " + proc.arrived() + " arrived");
    }

    /**
     * Yielding lets short requests pass long ones (Caladan's bimodal service: 90% at half the
     * mean, 10% at 5.5 times): with a quantum shorter than the long requests, the median
     * sojourn, which is a short request's, drops below run-to-completion's on the same arrivals.
     */
    @Test
    void yieldingShortensShortRequestsBehindLongOnes() {
        ServiceTime bimodal = new ServiceTime(ServiceTime.Kind.BIMODAL, MEAN_SERVICE_NANOS);
        SimResult toCompletion = fixedCores(0.9, bimodal, RuntimeModel.defaults(), 300_000);
        SimResult yielding = fixedCores(0.9, bimodal, RuntimeModel.defaults().withYieldQuantum(10_000), 300_000);
        assertTrue(yielding.yields() > 10_000, "too few yields: " + yielding.yields());
        assertTrue(yielding.measured().p50Nanos() < toCompletion.measured().p50Nanos(),
                "p50 with yields " + yielding.measured().p50Nanos() + " ns, to completion "
                        + toCompletion.measured().p50Nanos() + " ns");
    }
}
