package org.danian.framework.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.kernel.MetricsSnapshot;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.Test;

/**
 * After a load step, a congested proc gets a core within one poll interval plus the modelled
 * grant (wake) latency: the kernel's own grant-latency histogram (congestion or core-needed
 * detected → kthread running, in virtual time) never exceeds that bound, over every grant of
 * a run whose rate steps from light to heavy.
 */
class LoadStepTest {

    @Test
    void aCongestedProcGetsACoreWithinOnePollIntervalPlusTheWakeLatency() {
        CostModel costs = CostModel.defaults().withPickCharge(CostModel.PickCharge.FIXED, 50);
        ProcSpec spec = new ProcSpec("lc", 64, Priority.LATENCY_CRITICAL, 0, 16, ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, 1);
        ServiceTime service = new ServiceTime(ServiceTime.Kind.EXPONENTIAL, 10_000);
        double light = 0.1 * 16 * 1e5;
        double heavy = 0.9 * 16 * 1e5;
        ProcWorkload stepped = new ProcWorkload(spec, service, List.of(new ProcWorkload.RateStep(0, light),
                new ProcWorkload.RateStep(50_000_000, heavy)), 0, 0, true);
        Scenario scenario = new Scenario(16, "lru", "simple", List.of(stepped), 200_000, 0.1, 3, costs);
        SimResult result = new Simulation(scenario, List.of(new LruTestPolicy("lru")),
                List.of(new SimpleAllocationPolicy()), PickCostTable.parse(PickCostTable.HEADER)).run();

        MetricsSnapshot.Latency grantLatency = result.kernel().global().grantLatency();
        long bound = costs.pollIntervalNanos() + costs.wakeLatencyNanos();
        assertTrue(result.virtualNanos() > 60_000_000, "the run must reach well past the step: " + result.virtualNanos());
        assertTrue(grantLatency.count() > 100, "too few grants to judge: " + grantLatency);
        assertTrue(grantLatency.maxNanos() <= bound * 1.01, // HdrHistogram's 3 significant digits
                "a grant took longer than one poll interval plus the wake latency (" + bound + " ns): " + grantLatency);
    }
}
