package org.danian.policy.danian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.danian.policy.caladan.CaladanPickPolicy;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.pick.contract.PickerHarness;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code danian-exact} makes exactly {@code caladan}'s decisions: two harnesses, one per
 * policy, take the same random park/pick/remove stream in lock step, and every pick must
 * return the same kthread id and leave the same idle count.
 *
 * <p>The runs differ in how full the idle set is, so that every rung of Caladan's ladder is
 * exercised many times, and the test counts that they were: a mostly empty idle set (most
 * picks miss the core and fall to the sibling or the tail), a mostly full one (several idle
 * kthreads per core, where the per-core lists must yield the most recently parked), and one
 * in between. Since the streams are chosen by position (the i-th running kthread, the i-th
 * idle one), they stay identical exactly as long as the decisions do.
 */
class DanianExactDifferentialTest {

    private static final int OPERATIONS_PER_RUN = 350_000;
    private static final int MIN_OPERATIONS_PER_TOPOLOGY = 1_000_000;
    /** Each rung must have decided at least this many picks per topology. */
    private static final int MIN_PICKS_PER_RUNG = 5_000;

    /** One seeded stream: its proc size and how often it parks rather than picks or removes. */
    private record Run(long seed, int kthreads, int parkPercent) {
    }

    private static final Run[] RUNS = {
        new Run(1, 64, 45),   // the contract suite's mix: the idle set stays small
        new Run(2, 64, 56),   // the idle set stays nearly full: ~4 idle kthreads per core
        new Run(3, 24, 51),   // in between, with a smaller proc
    };

    static Stream<CoreTopology> topologies() {
        return Stream.of(CoreTopology.siblingPairs(16), CoreTopology.noSiblings(16));
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void everyDecisionEqualsCaladans(CoreTopology topology) {
        RungCounts rungs = new RungCounts();
        long operations = 0;
        for (Run run : RUNS) {
            operations += replay(run, topology, rungs);
        }
        assertTrue(operations >= MIN_OPERATIONS_PER_TOPOLOGY, "only " + operations + " operations");
        assertTrue(rungs.sameCore >= MIN_PICKS_PER_RUNG, () -> "same-core rung too rare: " + rungs);
        assertTrue(rungs.tail >= MIN_PICKS_PER_RUNG, () -> "tail rung too rare: " + rungs);
        boolean hasSiblings = topology.sibling(0) != KThreadView.NO_CORE;
        if (hasSiblings) {
            assertTrue(rungs.sibling >= MIN_PICKS_PER_RUNG, () -> "sibling rung too rare: " + rungs);
        } else {
            assertEquals(0, rungs.sibling, () -> "a sibling pick without siblings: " + rungs);
        }
    }

    private static long replay(Run run, CoreTopology topology, RungCounts rungs) {
        PickerHarness caladan = new PickerHarness(new CaladanPickPolicy(), new TestProc(1, run.kthreads()), topology);
        PickerHarness exact = new PickerHarness(new DanianExactPickPolicy(), new TestProc(1, run.kthreads()), topology);
        Lockstep lockstep = new Lockstep(caladan, exact, rungs, run.kthreads());
        SplittableRandom random = new SplittableRandom(run.seed());
        for (int op = 0; op < OPERATIONS_PER_RUN; op++) {
            lockstep.step(random, run.parkPercent(), op);
            int after = op;
            assertEquals(caladan.picker().idleCount(), exact.picker().idleCount(), () -> "idleCount after operation " + after);
        }
        caladan.drainAndCheck();
        exact.drainAndCheck();
        return OPERATIONS_PER_RUN;
    }

    /** Drives the two harnesses with the same operations and compares every pick. */
    private static final class Lockstep {
        private final PickerHarness caladan;
        private final PickerHarness exact;
        private final RungCounts rungs;
        /** The core each kthread parked from, before a pick overwrites its last core. */
        private final int[] parkedFrom;

        Lockstep(PickerHarness caladan, PickerHarness exact, RungCounts rungs, int kthreads) {
            this.caladan = caladan;
            this.exact = exact;
            this.rungs = rungs;
            this.parkedFrom = new int[kthreads];
            Arrays.fill(parkedFrom, KThreadView.NO_CORE); // the harness parks all, never run
        }

        /** One operation on both harnesses: park, pick (compared), or remove (less often). */
        void step(SplittableRandom random, int parkPercent, int op) {
            int dice = random.nextInt(100);
            if (dice < parkPercent && caladan.runningCount() > 0) {
                int index = random.nextInt(caladan.runningCount());
                TestKThread parked = caladan.parkRunning(index);
                exact.parkRunning(index);
                parkedFrom[parked.id()] = parked.lastCore();
            } else if (dice < 95 || caladan.idleCount() == 0) {
                pickBoth(random.nextInt(caladan.topology().coreCount()), op);
            } else {
                int index = random.nextInt(caladan.idleCount());
                caladan.remove(caladan.idleInParkOrder().get(index));
                exact.remove(exact.idleInParkOrder().get(index));
            }
        }

        private void pickBoth(int core, int op) {
            TestKThread expected = caladan.pick(core);
            TestKThread actual = exact.pick(core);
            if (expected == null) {
                assertNull(actual, () -> "operation " + op + ": danian-exact picked from an empty set");
                return;
            }
            assertNotNull(actual, () -> "operation " + op + ": danian-exact returned null");
            assertEquals(expected.id(), actual.id(), () -> "operation " + op + ": pick(" + core + ")");
            rungs.count(caladan.topology(), core, parkedFrom[expected.id()]);
        }
    }

    /**
     * Which rung of Caladan's ladder decided each pick, to show the streams exercised all: a
     * pick that returns a kthread parked from the core came from rung 1 (rungs 2 and 3 run
     * only when none is idle), one parked from the sibling from rung 2, any other from rung 3.
     */
    private static final class RungCounts {
        long sameCore;
        long sibling;
        long tail;

        void count(CoreTopology topology, int core, int parkedFrom) {
            if (parkedFrom == core) {
                sameCore++;
            } else if (parkedFrom != KThreadView.NO_CORE && parkedFrom == topology.sibling(core)) {
                sibling++;
            } else {
                tail++;
            }
        }

        @Override
        public String toString() {
            return "same core " + sameCore + ", sibling " + sibling + ", tail " + tail;
        }
    }
}
