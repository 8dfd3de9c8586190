package org.danian.policy.danian;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.sim.CostModel;
import org.danian.framework.sim.PickCostTable;
import org.danian.framework.sim.Scenario;
import org.danian.framework.sim.ServiceTime;
import org.danian.framework.sim.SimResult;
import org.danian.framework.sim.Simulation;
import org.danian.framework.sim.WorkloadCatalog;
import org.danian.policy.caladan.CaladanPickPolicy;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc;
import org.junit.jupiter.api.Test;

/**
 * The thread-pick policies in the simulator (org.danian.framework.sim, docs/simulator.md),
 * each run on the same seed at 16 cores (8 sibling pairs) with the same workload and a fixed
 * pick charge, so only their decisions differ.
 *
 * <p>{@code danian-exact} makes exactly {@code caladan}'s decisions: the same grant trace,
 * hence the same runs. {@code danian}'s approximation may pick differently, and then the whole
 * run differs (other cores are freed and granted later), so the paper's relation, danian's
 * locality ≤ caladan's, is a relation between decisions on the same grants and releases, not
 * between two closed-loop runs. Beside a best-effort batch proc the runs do break it, and not by
 * noise: on {@code mixed} at load 0.3, seeds 1–5, 100 000 requests, danian's run kept 0.006 to
 * 0.045 percentage points more locality than caladan's (docs/simulator.md has the numbers),
 * every time in the batch proc, whose grants depend on when the latency-critical proc's cores
 * come back. So the test checks the relation where it is defined: it records the simulator's
 * own grant/release stream of each proc from caladan's run and replays it against the three
 * policies, which then see the same operations ({@code LocalityTest} does the same on a
 * synthetic stream). On the Poisson workload every miss of a run is a kthread's first grant.
 *
 * <p>How the calibrated pick cost grows with the idle set is a wall-clock measurement, so it is
 * {@code SimulatorBenchmark}'s {@code picks} case (benchmarks), not a test.
 */
class SimulatedPickPoliciesTest {

    private static final ServiceTime SERVICE = new ServiceTime(ServiceTime.Kind.EXPONENTIAL, 10_000);
    private static final PickCostTable NO_TABLE = PickCostTable.parse(PickCostTable.HEADER);
    private static final CoreTopology TOPOLOGY = CoreTopology.siblingPairs(17); // 16 workers + the scheduler's

    private static SimResult run(ThreadPickPolicy policy, double load, String workload) {
        CostModel costs = CostModel.defaults().withPickCharge(CostModel.PickCharge.FIXED, 50);
        Scenario scenario = new Scenario(16, policy.name(), "simple",
                WorkloadCatalog.procs(workload, 16, 64, load, SERVICE, 100_000), 100_000, 0.1, 11, costs);
        return new Simulation(scenario, List.of(policy), List.of(new SimpleAllocationPolicy()), NO_TABLE).run();
    }

    @Test
    void danianExactMakesCaladansDecisions() {
        for (String workload : List.of("poisson", "mixed")) {
            for (double load : new double[] {0.3, 0.7}) {
                SimResult caladan = run(new CaladanPickPolicy(), load, workload);
                SimResult exact = run(new DanianExactPickPolicy(), load, workload);
                String point = workload + " at load " + load;
                assertTrue(caladan.picks() > 1_000, "too few picks to compare at " + point + ": " + caladan.picks());
                assertEquals(caladan.grantTrace(), exact.grantTrace(), "grant traces differ at " + point);
                assertEquals(caladan.kernel().global().counts(), exact.kernel().global().counts(), point);
                assertEquals(caladan.measured(), exact.measured(), point);
            }
        }
    }

    /**
     * On the Poisson workload the run-level rates say little: every miss of either policy is a
     * kthread's first grant (it never ran, so no core is local), and the rates differ only by
     * how many grants each run made. What holds, and what a bad pick would break (lottery's
     * misses are most of its grants), is that neither misses beyond those cold starts.
     */
    @Test
    void onePoissonProcNeitherPolicyMissesBeyondColdStarts() {
        for (double load : new double[] {0.3, 0.7}) {
            for (ThreadPickPolicy policy : List.of(new CaladanPickPolicy(), new DanianPickPolicy())) {
                SimResult result = run(policy, load, "poisson");
                long grants = result.kernel().global().counts().grants();
                long misses = grants - result.kernel().global().counts().localityHits();
                assertTrue(grants > 1_000, "too few grants at load " + load + ": " + grants);
                assertTrue(misses <= 64, policy.name() + " missed " + misses + " of " + grants
                        + " grants at load " + load + ", more than the proc's 64 kthreads' first grants");
            }
        }
    }

    @Test
    void onTheSimulatorsOwnGrantStreamDanianKeepsNoMoreLocalityThanCaladan() {
        for (String workload : List.of("poisson", "mixed")) {
            for (double load : new double[] {0.3, 0.7}) {
                RecordingCaladan recorder = new RecordingCaladan();
                run(recorder, load, workload);
                assertEquals(workload.equals("mixed") ? 2 : 1, recorder.streams.size(), "one stream per proc");
                for (Stream stream : recorder.streams.values()) {
                    String point = workload + ", proc " + stream.proc.id() + ", load " + load;
                    Replay caladan = replay(new CaladanPickPolicy(), stream);
                    Replay exact = replay(new DanianExactPickPolicy(), stream);
                    Replay danian = replay(new DanianPickPolicy(), stream);
                    System.out.println("replayed " + point + ": " + caladan.grants + " grants, local: caladan "
                            + caladan.local + ", danian-exact " + exact.local + ", danian " + danian.local);
                    assertTrue(caladan.grants > 1_000, "too few grants at " + point + ": " + caladan.grants);
                    assertArrayEquals(stream.picked(), caladan.picked, "the replay must repeat caladan's run at "
                            + point);
                    assertEquals(caladan.local, exact.local, "danian-exact must keep caladan's locality at " + point);
                    assertTrue(danian.local <= caladan.local, "danian resumed " + danian.local
                            + " kthreads on their core or its sibling, caladan " + caladan.local + ", at " + point);
                }
            }
        }
    }

    /** Replays a recorded stream: the same initial parks, grants of cores, releases of cores. */
    private static Replay replay(ThreadPickPolicy policy, Stream stream) {
        TestProc proc = new TestProc(0, stream.proc.kthreadCount());
        ThreadPicker picker = policy.newPicker(proc, TOPOLOGY);
        for (int id : stream.initialParks) {
            picker.parked(proc.kthread(id), KThreadView.NO_CORE);
        }
        TestProc.TestKThread[] runningOn = new TestProc.TestKThread[TOPOLOGY.coreCount()];
        Replay replay = new Replay(stream.grants());
        for (int operation : stream.operations) {
            int core = Math.abs(operation) - 1;
            if (operation > 0) {
                KThreadView picked = picker.pick(core);
                TestProc.TestKThread kthread = proc.kthread(picked.id());
                assertSame(kthread, picked);
                int last = kthread.lastCore();
                if (last == core || (last != KThreadView.NO_CORE && TOPOLOGY.sibling(core) == last)) {
                    replay.local++;
                }
                replay.picked[replay.grants++] = kthread.id();
                kthread.lastCore(core);
                runningOn[core] = kthread;
            } else {
                picker.parked(runningOn[core], core);
                runningOn[core] = null;
            }
        }
        return replay;
    }

    private static final class Replay {
        final int[] picked;
        int grants;
        long local;

        Replay(int grants) {
            this.picked = new int[grants];
        }
    }

    /** One proc's recorded operations: {@code core + 1} for a grant, {@code -(core + 1)} for a release. */
    private static final class Stream {
        final ProcView proc;
        final List<Integer> initialParks = new ArrayList<>();
        final List<Integer> operations = new ArrayList<>();
        final List<Integer> pickedIds = new ArrayList<>();

        Stream(ProcView proc) {
            this.proc = proc;
        }

        int grants() {
            return pickedIds.size();
        }

        int[] picked() {
            return pickedIds.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** Caladan's policy, recording every proc's stream of parks and picks as the kernel drives it. */
    private static final class RecordingCaladan implements ThreadPickPolicy {
        private final CaladanPickPolicy inner = new CaladanPickPolicy();
        final Map<Integer, Stream> streams = new LinkedHashMap<>();

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
            ThreadPicker picker = inner.newPicker(proc, topology);
            Stream stream = new Stream(proc);
            streams.put(proc.id(), stream);
            int[] grantedOn = new int[proc.kthreadCount()];
            return new ThreadPicker() {
                @Override
                public void parked(KThreadView kthread, int core) {
                    if (stream.operations.isEmpty() && core == KThreadView.NO_CORE) {
                        stream.initialParks.add(kthread.id());
                    } else {
                        // A kthread parks from the core it was granted (or is handed back unstarted).
                        stream.operations.add(-(grantedOn[kthread.id()] + 1));
                    }
                    picker.parked(kthread, core);
                }

                @Override
                public KThreadView pick(int core) {
                    KThreadView chosen = picker.pick(core);
                    stream.operations.add(core + 1);
                    stream.pickedIds.add(chosen.id());
                    grantedOn[chosen.id()] = core;
                    return chosen;
                }

                @Override
                public void removed(KThreadView kthread) {
                    throw new IllegalStateException("no kthread leaves a proc in these runs: " + kthread);
                }

                @Override
                public int idleCount() {
                    return picker.idleCount();
                }
            };
        }
    }
}
