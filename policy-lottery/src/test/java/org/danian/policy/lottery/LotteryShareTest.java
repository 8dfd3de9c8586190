package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.annotation.Annotation;
import java.util.Arrays;

import org.danian.spi.CoreTopology;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.contract.PickerHarness;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.junit.jupiter.api.Test;

/** Lottery picks in proportion to tickets, and reproduces from its seed. */
class LotteryShareTest {

    private static final int[] TICKETS = {1, 1, 2, 2, 4, 4, 8, 8};
    private static final int PICKS = 200_000;
    /**
     * The 0.999 quantile of the chi-square distribution with 7 degrees of freedom (8 classes,
     * no parameter estimated). A uniform picker on these tickets scores about 1.6e5: each
     * one-ticket kthread would get 25,000 picks against 6,667 expected, (18,333²)/6,667 ≈ 50,000
     * for each of the two alone.
     */
    private static final double CHI_SQUARE_7_999 = 24.322;

    @Test
    void pickFrequenciesMatchTicketSharesByChiSquare() {
        long[] picks = pickAndParkBack(new LotteryPickPolicy(42), PICKS);
        double chiSquare = chiSquare(picks, TICKETS);
        System.out.printf("lottery chi-square over %d picks, tickets %s: %.2f (0.999 critical %.3f)%n",
                PICKS, Arrays.toString(TICKETS), chiSquare, CHI_SQUARE_7_999);
        assertTrue(chiSquare < CHI_SQUARE_7_999, () -> "chi-square " + chiSquare + " for picks "
                + Arrays.toString(picks));
    }

    @Test
    void chiSquareRejectsAUniformPicker() {
        long[] uniform = new long[TICKETS.length];
        Arrays.fill(uniform, PICKS / TICKETS.length);
        assertTrue(chiSquare(uniform, TICKETS) > 1_000 * CHI_SQUARE_7_999);
    }

    @Test
    void sameSeedSamePicksOtherSeedOtherPicks() {
        long[] first = pickAndParkBack(new LotteryPickPolicy(3), 1_000);
        assertEquals(Arrays.toString(first), Arrays.toString(pickAndParkBack(new LotteryPickPolicy(3), 1_000)));
        assertNotEquals(Arrays.toString(first), Arrays.toString(pickAndParkBack(new LotteryPickPolicy(4), 1_000)));
    }

    @Test
    void procsWithTheSameSeedDrawDifferentStreams() {
        assertNotEquals(LotteryPickPolicy.streamSeed(9, 0), LotteryPickPolicy.streamSeed(9, 1));
        assertEquals(LotteryPickPolicy.streamSeed(9, 1), LotteryPickPolicy.streamSeed(9, 1));
    }

    @Test
    void activationTakesTheConfiguredSeed() {
        LotteryPickPolicy policy = new LotteryPickPolicy();
        assertEquals(LotteryPickPolicy.DEFAULT_SEED, policy.seed());
        policy.activate(new LotteryPickPolicy.Config() {
            @Override
            public long seed() {
                return 1234;
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return LotteryPickPolicy.Config.class;
            }
        });
        assertEquals(1234, policy.seed());
    }

    /** Picks for core 0 and parks the kthread straight back, counting picks per kthread. */
    static long[] pickAndParkBack(ThreadPickPolicy policy, int picks) {
        TestProc proc = new TestProc(0, TICKETS.length, TICKETS);
        PickerHarness harness = new PickerHarness(policy, proc, CoreTopology.siblingPairs(16));
        long[] counts = new long[TICKETS.length];
        for (int i = 0; i < picks; i++) {
            TestKThread picked = harness.pick(i % 16);
            counts[picked.id()]++;
            harness.park(picked);
        }
        return counts;
    }

    private static double chiSquare(long[] observed, int[] tickets) {
        long total = 0;
        long ticketTotal = 0;
        for (int i = 0; i < observed.length; i++) {
            total += observed[i];
            ticketTotal += tickets[i];
        }
        double sum = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = (double) total * tickets[i] / ticketTotal;
            double difference = observed[i] - expected;
            sum += difference * difference / expected;
        }
        return sum;
    }
}
