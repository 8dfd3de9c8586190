package org.danian.policy.lottery;

/**
 * Tickets held by each slot (a kthread id), as a partial-sum tree: a Fenwick, or binary
 * indexed, tree (Fenwick, "A new data structure for cumulative frequency tables", 1994).
 * Waldspurger and Weihl (OSDI'94, §4.2) suggest exactly such a tree of partial ticket sums to
 * draw a lottery among many clients in O(log n) instead of walking a list.
 *
 * <p>{@code tree[i]} (1-based) holds the sum of the weights of slots {@code i - lowbit(i) + 1}
 * to {@code i}, so changing one weight touches O(log n) nodes and the slot that holds the
 * {@code k}-th ticket is found by one top-down descent, also O(log n). Sums are {@code long}:
 * at most 2^30 slots of under 2^31 tickets stay below 2^61. Nothing here allocates after
 * construction.
 */
final class TicketTree {

    /**
     * 1-based, padded to a power of two of slots: the padding slots weigh 0, so the descent
     * never needs a bounds test and never lands on one.
     */
    private final long[] tree;
    /** Half the padded slot count: where the descent starts (the full count is the total). */
    private final int topStep;
    private long total;

    /** A tree of {@code slots} slots, all of weight 0. */
    TicketTree(int slots) {
        if (slots < 1 || slots > 1 << 30) {
            throw new IllegalArgumentException("slots must be in [1, 2^30]: " + slots);
        }
        int padded = slots == 1 ? 1 : Integer.highestOneBit(slots - 1) << 1;
        this.tree = new long[padded + 1];
        this.topStep = padded >>> 1;
    }

    /** Adds {@code delta} (which may be negative) to the weight of {@code slot}. */
    void add(int slot, long delta) {
        for (int i = slot + 1; i < tree.length; i += i & -i) {
            tree[i] += delta;
        }
        total += delta;
    }

    /** The sum of all weights. */
    long total() {
        return total;
    }

    /**
     * The slot that holds ticket number {@code ticket} when the tickets are laid out slot by
     * slot: the smallest slot whose prefix sum (inclusive) exceeds {@code ticket}.
     *
     * @param ticket in {@code [0, total())}; weights must be non-negative
     */
    int slotOfTicket(long ticket) {
        int position = 0; // largest 1-based index whose prefix sum is <= ticket, so far
        long remaining = ticket;
        for (int step = topStep; step > 0; step >>>= 1) {
            // Which way a random ticket goes is a coin toss, so a branch here is mispredicted
            // half the time (the JIT kept the branch for a ternary form). A sign mask makes the
            // step branch-free: all ones when node <= remaining (both in [0, 2^61): no overflow).
            long node = tree[position + step];
            long goRight = ~((remaining - node) >> 63);
            remaining -= node & goRight;
            position += step & (int) goRight;
        }
        return position; // 0-based slot = the 1-based index just after position
    }
}
