package org.danian.policy.danian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.sim.CostModel;
import org.danian.framework.sim.PickCostCalibration;
import org.danian.framework.sim.PickCostTable;
import org.danian.framework.sim.Scenario;
import org.danian.framework.sim.ServiceTime;
import org.danian.framework.sim.SimResult;
import org.danian.framework.sim.Simulation;
import org.danian.framework.sim.WorkloadCatalog;
import org.danian.policy.caladan.CaladanPickPolicy;
import org.danian.spi.pick.ThreadPickPolicy;
import org.junit.jupiter.api.Test;

/**
 * The thread-pick policies in the simulator (org.danian.framework.sim, docs/simulator.md),
 * each run on the same seed at 16 cores (8 sibling pairs) with the same workload and a fixed
 * pick charge, so only their decisions differ: {@code danian-exact} makes exactly
 * {@code caladan}'s (the same grant trace, hence the same locality and latencies), and, on the
 * Poisson workload, {@code danian}'s approximation keeps no more locality than they do. (Its
 * different picks lead to different states, so the comparison is of whole runs, not of one
 * pick against another; beside a best-effort batch proc, at load 0.3, danian's run kept a hair
 * more: 99.77% against caladan's 99.74%, which docs/simulator.md reports.) Then the charged
 * pick cost, from a calibration measured here: {@code caladan}'s grows with the idle set,
 * {@code danian-exact}'s stays flat.
 */
class SimulatedPickPoliciesTest {

    private static final ServiceTime SERVICE = new ServiceTime(ServiceTime.Kind.EXPONENTIAL, 10_000);
    private static final PickCostTable NO_TABLE = PickCostTable.parse(PickCostTable.HEADER);

    private static SimResult run(ThreadPickPolicy policy, double load, String workload) {
        CostModel costs = CostModel.defaults().withPickCharge(CostModel.PickCharge.FIXED, 50);
        Scenario scenario = new Scenario(16, policy.name(), "simple",
                WorkloadCatalog.procs(workload, 16, 64, load, SERVICE, 100_000), 100_000, 0.1, 11, costs);
        return new Simulation(scenario, List.of(policy), List.of(new SimpleAllocationPolicy()), NO_TABLE).run();
    }

    @Test
    void danianExactMakesCaladansDecisionsAndDanianKeepsNoMoreLocality() {
        for (String workload : List.of("poisson", "mixed")) {
            for (double load : new double[] {0.3, 0.7}) {
                SimResult caladan = run(new CaladanPickPolicy(), load, workload);
                SimResult exact = run(new DanianExactPickPolicy(), load, workload);
                SimResult danian = run(new DanianPickPolicy(), load, workload);
                String point = workload + " at load " + load;
                assertTrue(caladan.picks() > 1_000, "too few picks to compare at " + point + ": " + caladan.picks());
                assertEquals(caladan.grantTrace(), exact.grantTrace(), "grant traces differ at " + point);
                assertEquals(caladan.kernel().global().counts(), exact.kernel().global().counts(), point);
                assertEquals(caladan.measured(), exact.measured(), point);
                if (!workload.equals("poisson")) {
                    continue; // see the class comment: beside a batch proc the runs diverge
                }
                long caladanHits = caladan.kernel().global().counts().localityHits();
                long danianHits = danian.kernel().global().counts().localityHits();
                double caladanRate = (double) caladanHits / caladan.kernel().global().counts().grants();
                double danianRate = (double) danianHits / danian.kernel().global().counts().grants();
                assertTrue(danianRate <= caladanRate, "danian kept more locality than caladan at " + point + ": "
                        + danianRate + " > " + caladanRate);
            }
        }
    }

    @Test
    void caladansChargedPickCostGrowsWithTheIdleSetAndDanianExactsStaysFlat() {
        // Measured costs, not a timing assertion on this machine's speed: the ratios compare a
        // policy with itself, and the bounds leave an order of magnitude for noise.
        PickCostTable table = PickCostCalibration.measure(
                List.of(new CaladanPickPolicy(), new DanianExactPickPolicy()), 1024, 2_000_000);
        double caladanGrowth = table.cost("caladan", 1024, false) / table.cost("caladan", 4, false);
        double exactGrowth = table.cost("danian-exact", 1024, false) / table.cost("danian-exact", 4, false);
        assertTrue(caladanGrowth > 10, "caladan's remote pick at 1024 idle vs 4: " + caladanGrowth + "×\n" + table.toCsv());
        assertTrue(exactGrowth < 4, "danian-exact's remote pick at 1024 idle vs 4: " + exactGrowth + "×\n" + table.toCsv());
    }
}
