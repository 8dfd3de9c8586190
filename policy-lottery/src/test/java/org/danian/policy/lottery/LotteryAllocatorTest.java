package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.danian.spi.CoreTopology;
import org.danian.spi.alloc.testing.FakeCoreSet;
import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.junit.jupiter.api.Test;

/** The lottery core allocator's decisions on a {@link FakeMachine}. */
class LotteryAllocatorTest {

    /** A delay above the default threshold, as the kernel reports for a congested proc. */
    private static final long CONGESTED = 25_000;
    /** The 0.999 quantile of the chi-square distribution with 3 degrees of freedom. */
    private static final double CHI_SQUARE_3_999 = 16.266;

    private final FakeMachine kernel = newKernel(2);   // core 0: scheduler; core 1: the contended core
    private LotteryAllocator allocator = newAllocator(42);

    /**
     * {@code cores} cores without siblings, all schedulable but core 0 (the scheduler's); a
     * grant on an owned core completes the owner's cede at once.
     */
    static FakeMachine newKernel(int cores) {
        int[] schedulable = new int[cores - 1];
        Arrays.setAll(schedulable, i -> i + 1);
        FakeMachine kernel = new FakeMachine(CoreTopology.noSiblings(cores), schedulable);
        kernel.completeCedesAtOnce(true);
        return kernel;
    }

    private LotteryAllocator newAllocator(long seed) {
        return (LotteryAllocator) new LotteryAllocationPolicy(seed).newAllocator(kernel);
    }

    @Test
    void aContendedCoreGoesToProcsInProportionToTheirTickets() {
        int[] tickets = {1, 2, 3, 4};
        FakeProc[] procs = new FakeProc[tickets.length];
        for (int i = 0; i < procs.length; i++) {
            procs[i] = FakeProc.be(i, 1, 0, 1, tickets[i]);
            assertTrue(allocator.attach(procs[i]));
        }
        int rounds = 40_000;
        contend(procs, rounds);

        long[] wins = Arrays.stream(procs).mapToLong(kernel::grantsWon).toArray();
        assertEquals(rounds, Arrays.stream(wins).sum(), "every round granted the core");
        double chiSquare = chiSquare(wins, tickets);
        System.out.printf("lottery core allocation: wins %s for tickets %s, chi-square %.2f (0.999 critical %.3f)%n",
                Arrays.toString(wins), Arrays.toString(tickets), chiSquare, CHI_SQUARE_3_999);
        assertTrue(chiSquare < CHI_SQUARE_3_999, "chi-square " + chiSquare + " for wins " + Arrays.toString(wins));
        assertTrue(chiSquare(new long[] {10_000, 10_000, 10_000, 10_000}, tickets) > 100 * CHI_SQUARE_3_999,
                "the test tells an even split from a ticket-proportional one");
    }

    @Test
    void sameSeedSameWinnersOtherSeedOthers() {
        assertEquals(winners(7), winners(7));
        assertNotEquals(winners(7), winners(8));
    }

    @Test
    void onlyCongestedProcsWin() {
        FakeProc calm = FakeProc.lc(0, 1, 0, 1, 1_000);
        FakeProc congested = FakeProc.lc(1, 1, 0, 1, 1);
        FakeProc turnsCalm = FakeProc.lc(2, 1, 0, 1, 1_000);
        allocator.attach(calm);
        allocator.attach(congested);
        allocator.attach(turnsCalm);
        for (int round = 0; round < 200; round++) {
            allocator.congestion(calm, false, 0);
            allocator.congestion(turnsCalm, true, CONGESTED);
            allocator.congestion(turnsCalm, false, 0);
            allocator.congestion(congested, true, CONGESTED);
            allocator.poll(round, kernel.takeNewlyIdle());
            assertSame(congested, kernel.owner(1), "round " + round);
            kernel.park(1);
            allocator.poll(round, kernel.takeNewlyIdle());
            assertNull(kernel.owner(1), "nobody waits: the core stays idle");
        }
        assertEquals(0, kernel.grantsWon(calm) + kernel.grantsWon(turnsCalm));
    }

    @Test
    void aCongestedProcBelowItsGuaranteeTakesACoreAtOnceFromAProcAboveItsOwn() {
        FakeMachine three = newKernel(3);
        allocator = (LotteryAllocator) new LotteryAllocationPolicy(1).newAllocator(three);
        FakeProc greedy = FakeProc.be(0, 2, 0, 2, 1);
        FakeProc reserved = FakeProc.be(1, 1, 1, 1, 1);
        three.place(greedy, 1);
        three.place(greedy, 2);
        allocator.attach(greedy);
        allocator.attach(reserved);
        assertEquals(2, allocator.activeCores(greedy), "cores held before the attach are adopted");

        allocator.congestion(reserved, true, CONGESTED);      // no poll needed

        assertEquals(new FakeMachine.Grant(1, reserved, greedy, 0, 2), three.lastGrant());
        assertEquals(1, allocator.activeCores(reserved));
        assertEquals(1, allocator.activeCores(greedy));
        assertFalse(allocator.isWaiting(reserved), "a served proc does not also wait for a draw");
    }

    @Test
    void aCoreWithinItsOwnersGuaranteeIsNeverTaken() {
        FakeProc guaranteed = FakeProc.be(0, 1, 1, 1, 1);
        FakeProc latencyCritical = FakeProc.lc(1, 1, 0, 1, 100);
        kernel.place(guaranteed, 1);
        allocator.attach(guaranteed);
        allocator.attach(latencyCritical);
        for (int round = 0; round < 100; round++) {
            allocator.congestion(latencyCritical, true, CONGESTED);
            allocator.poll(round, kernel.takeNewlyIdle());
        }
        assertTrue(kernel.grants().isEmpty(), "grants: " + kernel.grants());
        assertTrue(allocator.isWaiting(latencyCritical));
    }

    @Test
    void waitingLatencyCriticalProcsDrawForABestEffortSurplusCore() {
        FakeProc bestEffort = FakeProc.be(0, 1, 0, 1, 1);
        FakeProc lcOne = FakeProc.lc(1, 1, 0, 1, 1);
        FakeProc lcThree = FakeProc.lc(2, 1, 0, 1, 3);
        allocator.attach(bestEffort);
        allocator.attach(lcOne);
        allocator.attach(lcThree);
        long[] preemptionsWon = new long[3];
        for (int round = 0; round < 4_000; round++) {
            allocator.congestion(bestEffort, true, CONGESTED);
            allocator.poll(round, kernel.takeNewlyIdle());     // the idle core: the best-effort proc alone waits
            assertSame(bestEffort, kernel.owner(1), "round " + round);
            allocator.congestion(lcOne, true, CONGESTED);
            allocator.congestion(lcThree, true, CONGESTED);
            allocator.poll(round, kernel.takeNewlyIdle());     // no idle core: the two draw for its surplus core
            assertSame(bestEffort, kernel.lastGrant().preempted(), "round " + round);
            preemptionsWon[kernel.owner(1).id()]++;
            allocator.congestion(lcOne, false, 0);
            allocator.congestion(lcThree, false, 0);
            kernel.park(1);
            allocator.poll(round, kernel.takeNewlyIdle());
            assertNull(kernel.owner(1), "round " + round + ": nobody waits any more");
        }
        assertEquals(4_000, preemptionsWon[lcOne.id()] + preemptionsWon[lcThree.id()]);
        double share = preemptionsWon[lcThree.id()] / 4_000.0;
        assertTrue(Math.abs(share - 0.75) < 0.03, "three tickets of four won " + share);
    }

    @Test
    void noGrantToAProcAtItsMaximumOrWithoutAnIdleKThread() {
        FakeMachine three = newKernel(3);
        allocator = (LotteryAllocator) new LotteryAllocationPolicy(5).newAllocator(three);
        FakeProc atMax = FakeProc.lc(0, 2, 0, 1, 1_000);
        FakeProc allRunning = FakeProc.lc(1, 1, 0, 1, 1_000);
        three.place(atMax, 1);
        allocator.attach(atMax);
        allocator.attach(allRunning);
        allocator.congestion(atMax, true, CONGESTED);
        allocator.poll(0, three.takeNewlyIdle());
        assertTrue(three.grants().isEmpty(), "at its maximum: " + three.grants());
        assertFalse(allocator.isWaiting(atMax), "a proc at its maximum does not enter the draws");

        allocator.congestion(allRunning, true, CONGESTED);
        allocator.poll(1, three.takeNewlyIdle());
        assertEquals(new FakeMachine.Grant(2, allRunning, null, 0, 0), three.lastGrant());
        allocator.congestion(allRunning, true, CONGESTED);   // its only kthread runs: nothing to grant
        assertEquals(1, three.grants().size());
        assertEquals(0, allocator.refusedGrants(), "the allocator never asked for an impossible grant");
    }

    @Test
    void guaranteesThatDoNotFitAreRefusedAndMistakesThrow() {
        assertTrue(allocator.attach(FakeProc.lc(0, 1, 1, 1, 1)));
        FakeProc tooMuch = FakeProc.lc(1, 1, 1, 1, 1);
        assertFalse(allocator.attach(tooMuch), "one schedulable core, two guarantees");
        assertThrows(IllegalArgumentException.class, () -> allocator.congestion(tooMuch, true, CONGESTED));
        assertThrows(IllegalArgumentException.class, () -> allocator.poll(0, new FakeCoreSet(0)));
    }

    @Test
    void detachedProcsFreeTheirSlotsAndTheTreesGrow() {
        FakeProc[] procs = new FakeProc[40];
        for (int i = 0; i < procs.length; i++) {
            procs[i] = FakeProc.be(i, 1, 0, 1, 1);
            allocator.attach(procs[i]);
            allocator.congestion(procs[i], true, CONGESTED);
        }
        for (int i = 0; i < procs.length - 1; i++) {
            allocator.detach(procs[i]);
        }
        allocator.poll(0, kernel.takeNewlyIdle());
        assertEquals(new FakeMachine.Grant(1, procs[39], null, 0, 0), kernel.lastGrant());
    }

    /**
     * Each round: the owner parks while every proc is calm, so the core falls idle with
     * nobody waiting; then every proc is congested, and one poll draws for the core.
     */
    private void contend(FakeProc[] procs, int rounds) {
        for (int round = 0; round < rounds; round++) {
            for (FakeProc proc : procs) {
                allocator.congestion(proc, false, 0);
            }
            if (kernel.owner(1) != null) {
                kernel.park(1);
                allocator.poll(round, kernel.takeNewlyIdle());
            }
            for (FakeProc proc : procs) {
                allocator.congestion(proc, true, CONGESTED);
            }
            allocator.poll(round, kernel.takeNewlyIdle());
        }
    }

    private String winners(long seed) {
        FakeMachine fresh = newKernel(2);
        LotteryAllocator seeded = (LotteryAllocator) new LotteryAllocationPolicy(seed).newAllocator(fresh);
        FakeProc a = FakeProc.lc(0, 1, 0, 1, 1);
        FakeProc b = FakeProc.lc(1, 1, 0, 1, 1);
        seeded.attach(a);
        seeded.attach(b);
        StringBuilder winners = new StringBuilder();
        for (int round = 0; round < 64; round++) {
            seeded.congestion(a, true, CONGESTED);
            seeded.congestion(b, true, CONGESTED);
            seeded.poll(round, fresh.takeNewlyIdle());
            winners.append(fresh.owner(1) == a ? 'a' : 'b');
            fresh.park(1);
            seeded.poll(round, fresh.takeNewlyIdle());
        }
        return winners.toString();
    }

    private static double chiSquare(long[] observed, int[] tickets) {
        long total = Arrays.stream(observed).sum();
        int allTickets = Arrays.stream(tickets).sum();
        double chiSquare = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = (double) total * tickets[i] / allTickets;
            chiSquare += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return chiSquare;
    }
}
