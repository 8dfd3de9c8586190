package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The Fenwick tree against a plain array of weights, on random updates and queries. */
class TicketTreeTest {

    @Test
    void findsTheHolderOfEveryTicketLikeALinearScan() {
        SplittableRandom random = new SplittableRandom(7);
        for (int slots : new int[] {1, 2, 3, 7, 8, 9, 100, 1024, 1025}) {
            TicketTree tree = new TicketTree(slots);
            long[] weights = new long[slots];
            for (int step = 0; step < 2_000; step++) {
                int slot = random.nextInt(slots);
                long delta = weights[slot] > 0 && random.nextBoolean() ? -weights[slot] : 1 + random.nextInt(9);
                weights[slot] += delta;
                tree.add(slot, delta);
                assertEquals(sum(weights), tree.total(), "total after step " + step);
                if (tree.total() > 0) {
                    long ticket = random.nextLong(tree.total());
                    assertEquals(linearHolder(weights, ticket), tree.slotOfTicket(ticket),
                            "holder of ticket " + ticket + " among " + slots + " slots");
                }
            }
        }
    }

    @Test
    void everyTicketOfASmallTreeMapsToItsSlot() {
        TicketTree tree = new TicketTree(5);
        int[] weights = {2, 0, 3, 1, 4};
        for (int slot = 0; slot < weights.length; slot++) {
            tree.add(slot, weights[slot]);
        }
        int[] expected = {0, 0, 2, 2, 2, 3, 4, 4, 4, 4};
        for (int ticket = 0; ticket < expected.length; ticket++) {
            assertEquals(expected[ticket], tree.slotOfTicket(ticket), "ticket " + ticket);
        }
    }

    @Test
    void rejectsAnEmptyTree() {
        assertThrows(IllegalArgumentException.class, () -> new TicketTree(0));
    }

    private static long sum(long[] weights) {
        long total = 0;
        for (long weight : weights) {
            total += weight;
        }
        return total;
    }

    private static int linearHolder(long[] weights, long ticket) {
        long seen = 0;
        for (int slot = 0; slot < weights.length; slot++) {
            seen += weights[slot];
            if (ticket < seen) {
                return slot;
            }
        }
        throw new AssertionError("ticket " + ticket + " beyond the total " + seen);
    }
}
