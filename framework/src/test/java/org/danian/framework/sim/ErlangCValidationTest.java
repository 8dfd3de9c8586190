package org.danian.framework.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The simulator against queueing theory: with every overhead zero and c kthreads that never
 * park once granted (so the proc keeps c cores, fed from one FIFO ingress queue), the run is
 * an M/M/c FCFS queue, and its mean and p99 sojourn must match Erlang C within 2%.
 */
class ErlangCValidationTest {

    private static final int CORES = 16;
    private static final long MEAN_SERVICE_NANOS = 10_000;
    /**
     * Enough requests for 2% at each load with a margin: near saturation the queue's state
     * decorrelates slowly (its relaxation time grows as 1/(1 − √ρ)²), so 0.95 needs more.
     */
    private static long requestsAt(double load) {
        return load >= 0.9 ? 12_000_000 : 1_500_000;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.5, 0.8, 0.95})
    void meanAndP99SojournMatchErlangC(double load) {
        double mu = 1e9 / MEAN_SERVICE_NANOS;
        double lambda = load * CORES * mu;
        ProcSpec spec = new ProcSpec("mmc", CORES, Priority.LATENCY_CRITICAL, CORES, CORES, 0, 1);
        Scenario scenario = new Scenario(CORES, "lru", "simple",
                List.of(ProcWorkload.open(spec, new ServiceTime(ServiceTime.Kind.EXPONENTIAL, MEAN_SERVICE_NANOS),
                        lambda)),
                requestsAt(load), 0.1, 42, CostModel.zeroOverhead()).withRuntime(RuntimeModel.sharedIngress());
        SimResult result = new Simulation(scenario, List.of(new LruTestPolicy("lru")),
                List.of(new SimpleAllocationPolicy()), PickCostTable.parse(PickCostTable.HEADER)).run();

        ErlangC theory = new ErlangC(CORES, lambda, mu);
        SimResult.ProcResult measured = result.measured();
        assertTrue(measured.recorded() >= requestsAt(load) * 0.89, "too few requests recorded: " + measured.recorded());
        double meanNanos = theory.meanSojourn() * 1e9;
        double p99Nanos = theory.quantile(0.99) * 1e9;
        assertEquals(meanNanos, measured.meanNanos(), meanNanos * 0.02,
                "mean sojourn at load " + load + " (Erlang C: " + meanNanos + " ns)");
        assertEquals(p99Nanos, measured.p99Nanos(), p99Nanos * 0.02,
                "p99 sojourn at load " + load + " (Erlang C: " + p99Nanos + " ns)");
    }
}
