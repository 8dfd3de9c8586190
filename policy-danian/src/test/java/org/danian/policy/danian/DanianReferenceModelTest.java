package org.danian.policy.danian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedList;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.pick.contract.PickerHarness;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code danian} makes the decisions of Listing 4 (Danian §5), as modelled below on plain
 * collections with linear scans, on random park/pick/remove streams.
 */
class DanianReferenceModelTest {

    private static final int OPERATIONS_PER_RUN = 100_000;

    /**
     * Listing 3 and 4, read literally, with the null check the paper lacks: {@code lastRun}
     * (-1 for NULL) is written when a kthread is scheduled on a core and when it parks from
     * one; pick takes {@code lastRun[core]} if it is in the idle list, else the list's tail.
     */
    private static final class Listing4Model {
        /** Caladan's idle_threads: addFirst on park, so the last element is the LRU tail. */
        private final LinkedList<Integer> idleThreads = new LinkedList<>();
        private final int[] lastRun;

        Listing4Model(int cores) {
            lastRun = new int[cores];
            Arrays.fill(lastRun, -1);
        }

        void parked(int id, int core) {
            idleThreads.addFirst(id);
            if (core != KThreadView.NO_CORE) {
                lastRun[core] = id;
            }
        }

        int pick(int core) {
            if (idleThreads.isEmpty()) {
                return -1;
            }
            int memo = lastRun[core];
            int chosen = memo != -1 && idleThreads.contains(memo) ? memo : idleThreads.getLast();
            idleThreads.remove(Integer.valueOf(chosen));
            lastRun[core] = chosen;
            return chosen;
        }

        void removed(int id) {
            assertTrue(idleThreads.remove(Integer.valueOf(id)), "model lost kthread " + id);
        }
    }

    static Stream<CoreTopology> topologies() {
        return Stream.of(CoreTopology.siblingPairs(16), CoreTopology.noSiblings(16), CoreTopology.noSiblings(3));
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void decisionsEqualListing4(CoreTopology topology) {
        long memoHits = 0;
        long tailPicks = 0;
        int[][] runs = {{1, 64, 45}, {2, 64, 56}, {3, 12, 50}}; // seed, kthreads, park percent
        for (int[] run : runs) {
            SplittableRandom random = new SplittableRandom(run[0]);
            PickerHarness danian = new PickerHarness(new DanianPickPolicy(), new TestProc(1, run[1]), topology);
            Listing4Model model = new Listing4Model(topology.coreCount());
            danian.idleInParkOrder().forEach(kthread -> model.parked(kthread.id(), kthread.lastCore()));
            for (int op = 0; op < OPERATIONS_PER_RUN; op++) {
                int dice = random.nextInt(100);
                if (dice < run[2] && danian.runningCount() > 0) {
                    TestKThread parked = danian.parkRunning(random.nextInt(danian.runningCount()));
                    model.parked(parked.id(), parked.lastCore());
                } else if (dice < 95 || danian.idleCount() == 0) {
                    int core = random.nextInt(topology.coreCount());
                    int memo = model.lastRun[core];
                    int expected = model.pick(core);
                    TestKThread actual = danian.pick(core);
                    int actualId = actual == null ? -1 : actual.id();
                    int at = op;
                    assertEquals(expected, actualId, () -> "operation " + at + ": pick(" + core + ")");
                    if (expected != -1 && expected == memo) {
                        memoHits++;
                    } else if (expected != -1) {
                        tailPicks++;
                    }
                } else {
                    TestKThread removed = danian.idleInParkOrder().get(random.nextInt(danian.idleCount()));
                    danian.remove(removed);
                    model.removed(removed.id());
                }
            }
            danian.drainAndCheck();
        }
        // Both rungs of Listing 4 decided many picks, so a wrong rung would have shown.
        assertTrue(memoHits > 10_000, "memo hits " + memoHits);
        assertTrue(tailPicks > 10_000, "tail picks " + tailPicks);
    }
}
