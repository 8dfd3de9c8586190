package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.spi.CoreTopology;
import org.danian.spi.pick.contract.PickerHarness;
import org.danian.spi.pick.contract.TestProc;
import org.junit.jupiter.api.Test;

/** Stride picks each kthread in proportion to its tickets, within a small absolute error. */
class StrideShareTest {

    private static final int[] TICKETS = {1, 1, 2, 2, 4, 4, 8, 8};
    private static final int TICKET_TOTAL = 30;

    /**
     * While every idle pass stays within one stride above the virtual time, kthread i's count
     * after N picks is within {@code max(1, n·t_i/T)} of {@code N·t_i/T} (n kthreads, T
     * tickets): at most 2.14 here for the eight-ticket kthreads. Checked after every pick.
     */
    @Test
    void everyPrefixOfALongRunIsWithinTheStrideBoundOfTheShares() {
        PickerHarness harness = new PickerHarness(new StridePickPolicy(),
                new TestProc(0, TICKETS.length, TICKETS), CoreTopology.siblingPairs(16));
        long[] counts = new long[TICKETS.length];
        double worst = 0;
        for (int pick = 1; pick <= 100_000; pick++) {
            TestProc.TestKThread picked = harness.pick(pick % 16);
            counts[picked.id()]++;
            harness.park(picked);
            for (int i = 0; i < TICKETS.length; i++) {
                double error = Math.abs(counts[i] - (double) pick * TICKETS[i] / TICKET_TOTAL);
                double bound = Math.max(1.0, (double) TICKETS.length * TICKETS[i] / TICKET_TOTAL);
                worst = Math.max(worst, error);
                int kthread = i;
                int picks = pick;
                assertTrue(error <= bound + 1e-9, () -> "kthread " + kthread + " after " + picks
                        + " picks: " + counts[kthread] + ", error " + error + " > " + bound);
            }
        }
        System.out.printf("stride: worst absolute share error over 100000 picks: %.3f picks%n", worst);
    }

    @Test
    void equalTicketsDegradeToRoundRobin() {
        PickerHarness harness = new PickerHarness(new StridePickPolicy(), new TestProc(1, 5),
                CoreTopology.noSiblings(4));
        for (int round = 0; round < 10; round++) {
            for (int expected = 0; expected < 5; expected++) {
                TestProc.TestKThread picked = harness.pick(round % 4);
                assertEquals(expected, picked.id(), "round " + round);
                harness.park(picked);
            }
        }
    }

    /** A kthread removed for a while rejoins owing what it owed, not with banked credit. */
    @Test
    void absenceEarnsNoCredit() {
        TestProc proc = new TestProc(2, 2);
        PickerHarness harness = new PickerHarness(new StridePickPolicy(), proc, CoreTopology.noSiblings(2));
        harness.remove(proc.kthread(1));
        for (int i = 0; i < 100; i++) {
            harness.park(harness.pick(0)); // kthread 0 alone runs 100 times
        }
        harness.park(proc.kthread(1));
        int[] counts = new int[2];
        for (int i = 0; i < 100; i++) {
            TestProc.TestKThread picked = harness.pick(0);
            counts[picked.id()]++;
            harness.park(picked);
        }
        assertEquals(50, counts[0], "after rejoining, the two alternate: no catch-up burst");
        assertEquals(50, counts[1]);
    }
}
