package org.danian.spi.pick.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.danian.spi.CoreTopology;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every thread-pick policy must pass (see {@link ThreadPicker}).
 *
 * <p>Subclass it with one method that returns the policy under test:
 * <pre>{@code
 * class MyPolicyContractTest extends ThreadPickerContract {
 *     protected ThreadPickPolicy policy() { return new MyPolicy(); }
 * }
 * }</pre>
 * It runs on topologies with and without hyperthread siblings, with several seeds; all
 * randomness is seeded, so a failure reproduces.
 */
public abstract class ThreadPickerContract {

    private static final int RANDOM_STEPS = 20_000;

    /** A new instance of the policy under test. */
    protected abstract ThreadPickPolicy policy();

    /** Topologies the suite runs on: 16 cores in 8 sibling pairs, 16 without, 1 core, 3 odd. */
    static Stream<CoreTopology> topologies() {
        return Stream.of(CoreTopology.siblingPairs(16), CoreTopology.noSiblings(16),
                CoreTopology.noSiblings(1), CoreTopology.siblingPairs(3));
    }

    @Test
    void nameIsAShellWord() {
        String name = policy().name();
        assertNotNull(name);
        assertTrue(name.matches("[a-z0-9][a-z0-9-]*"), () -> "not a valid policy name: '" + name + "'");
    }

    @Test
    void newPickerIsEmptyAndPicksNothing() {
        ThreadPicker picker = policy().newPicker(new TestProc(0, 4), CoreTopology.siblingPairs(16));
        assertEquals(0, picker.idleCount());
        assertNull(picker.pick(0));
        assertNull(picker.pick(15));
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void picksEveryIdleKThreadExactlyOnceThenNothing(CoreTopology topology) {
        PickerHarness harness = new PickerHarness(policy(), new TestProc(1, 64), topology);
        Set<TestKThread> seen = new HashSet<>();
        for (int i = 0; i < 64; i++) {
            TestKThread kthread = harness.pick(i % topology.coreCount());
            assertTrue(seen.add(kthread), () -> "picked twice: " + kthread);
        }
        assertNull(harness.pick(0));
        assertEquals(64, seen.size());
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void singleKThreadIsAlwaysThePick(CoreTopology topology) {
        PickerHarness harness = new PickerHarness(policy(), new TestProc(2, 1), topology);
        for (int core = 0; core < topology.coreCount(); core++) {
            TestKThread kthread = harness.pick(core);
            assertEquals(0, kthread.id());
            harness.park(kthread);
        }
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void idleSetStaysExactUnderRandomOperations(CoreTopology topology) {
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            PickerHarness harness = new PickerHarness(policy(), new TestProc(3, 1 + random.nextInt(40)), topology);
            for (int step = 0; step < RANDOM_STEPS; step++) {
                harness.randomStep(random);
            }
            harness.drainAndCheck();
        }
    }

    @ParameterizedTest
    @MethodSource("topologies")
    void removedKThreadIsNeverPicked(CoreTopology topology) {
        PickerHarness harness = new PickerHarness(policy(), new TestProc(4, 8), topology);
        List<TestKThread> idle = harness.idleInParkOrder();
        for (int i = 0; i < idle.size(); i += 2) {
            harness.remove(idle.get(i));
        }
        harness.drainAndCheck(); // the harness fails on any pick outside its model
    }

    /**
     * What a hot swap does: a fresh picker filled by replaying the idle set in park order
     * holds the same set, and keeps behaving correctly afterwards.
     */
    @ParameterizedTest
    @MethodSource("topologies")
    void pickerRebuiltByReplayHoldsTheSameIdleSet(CoreTopology topology) {
        for (long seed = 11; seed <= 13; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            TestProc proc = new TestProc(5, 32);
            PickerHarness original = new PickerHarness(policy(), proc, topology);
            for (int step = 0; step < 5_000; step++) {
                original.randomStep(random);
            }
            ThreadPicker rebuilt = policy().newPicker(proc, topology);
            List<TestKThread> parkOrder = original.idleInParkOrder();
            for (TestKThread kthread : parkOrder) {
                rebuilt.parked(kthread, kthread.lastCore());
            }
            assertEquals(parkOrder.size(), rebuilt.idleCount());
            Set<TestKThread> drained = new HashSet<>();
            for (int i = 0; i < parkOrder.size(); i++) {
                TestKThread picked = (TestKThread) rebuilt.pick(random.nextInt(topology.coreCount()));
                assertNotNull(picked, "rebuilt picker lost a kthread");
                assertTrue(drained.add(picked), () -> "rebuilt picker returned twice: " + picked);
            }
            assertEquals(new HashSet<>(parkOrder), drained);
            assertNull(rebuilt.pick(0));
            original.drainAndCheck();
        }
    }

    @Test
    void pickersOfDifferentProcsAreIndependent() {
        ThreadPickPolicy policy = policy();
        CoreTopology topology = CoreTopology.siblingPairs(16);
        PickerHarness first = new PickerHarness(policy, new TestProc(6, 8), topology);
        PickerHarness second = new PickerHarness(policy, new TestProc(7, 8), topology);
        SplittableRandom random = new SplittableRandom(42);
        for (int step = 0; step < 5_000; step++) {
            (random.nextBoolean() ? first : second).randomStep(random);
        }
        first.drainAndCheck();
        second.drainAndCheck();
    }
}
