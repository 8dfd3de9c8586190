package org.danian.policy.lottery;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The draws of the {@code lottery} core allocator: the waiting procs' tickets in two
 * partial-sum {@link TicketTree}s over proc slots, one holding every waiting proc and one
 * only the latency-critical ones (the procs that may preempt a best-effort proc), so that
 * either draw is one random number and one O(log n) descent (Waldspurger and Weihl, OSDI'94,
 * §4.2).
 *
 * <p>A draw may land on a proc that cannot take a core right now (no idle kthread, or the
 * kernel refuses the grant): the caller {@linkplain #exclude excludes} it, which takes its
 * tickets out of that tree until {@link #restoreExcluded}, and draws again; so the next draw
 * is a fair lottery among the others. Slots are reused after detach; the trees grow (rebuilt
 * at twice the size) only when an attach finds every slot taken. Nothing allocates but
 * attach. Scheduler thread only.
 */
final class ProcLottery {

    /** Which tree a draw or an exclusion is about. */
    enum Pool { EVERYONE, LATENCY_CRITICAL }

    private static final int INITIAL_SLOTS = 16;

    private final SplittableRandom random;
    private LotteryProc[] bySlot = new LotteryProc[INITIAL_SLOTS];
    private TicketTree everyone = new TicketTree(INITIAL_SLOTS);
    private TicketTree latencyCritical = new TicketTree(INITIAL_SLOTS);
    private int[] freeSlots = new int[INITIAL_SLOTS];
    private int freeCount;
    private int usedSlots;
    /** Procs excluded from the current pass, by pool; restored by {@link #restoreExcluded}. */
    private int[] excluded = new int[INITIAL_SLOTS];
    private int excludedCount;
    private Pool excludedPool;

    ProcLottery(SplittableRandom random) {
        this.random = random;
    }

    /** Gives {@code proc} a slot, with no ticket in any draw yet. */
    void add(LotteryProc proc) {
        if (freeCount > 0) {
            proc.slot = freeSlots[--freeCount];
        } else {
            if (usedSlots == bySlot.length) {
                grow();
            }
            proc.slot = usedSlots++;
        }
        bySlot[proc.slot] = proc;
    }

    /** Frees {@code proc}'s slot; it must have left the draws. */
    void remove(LotteryProc proc) {
        bySlot[proc.slot] = null;
        freeSlots[freeCount++] = proc.slot;
    }

    /** {@code proc}'s tickets enter the draws (both trees if it is latency-critical). */
    void enter(LotteryProc proc) {
        everyone.add(proc.slot, proc.tickets);
        if (proc.latencyCritical) {
            latencyCritical.add(proc.slot, proc.tickets);
        }
    }

    /** {@code proc}'s tickets leave the draws; it must not be excluded. */
    void leave(LotteryProc proc) {
        everyone.add(proc.slot, -proc.tickets);
        if (proc.latencyCritical) {
            latencyCritical.add(proc.slot, -proc.tickets);
        }
    }

    /** Whether a draw from {@code pool} has a ticket to draw. */
    boolean hasTickets(Pool pool) {
        return tree(pool).total() > 0;
    }

    /** A waiting proc drawn by tickets from {@code pool}, which must have tickets. */
    LotteryProc draw(Pool pool) {
        TicketTree tree = tree(pool);
        return bySlot[tree.slotOfTicket(random.nextLong(tree.total()))];
    }

    /** Takes {@code proc}'s tickets out of {@code pool} until {@link #restoreExcluded}. */
    void exclude(LotteryProc proc, Pool pool) {
        if (excludedCount > 0 && excludedPool != pool) {
            throw new IllegalStateException("exclusions from " + excludedPool + " are not restored");
        }
        excludedPool = pool;
        tree(pool).add(proc.slot, -proc.tickets);
        excluded[excludedCount++] = proc.slot;
    }

    /** Puts the tickets of every proc excluded since the last call back into their pool. */
    void restoreExcluded() {
        for (int i = 0; i < excludedCount; i++) {
            LotteryProc proc = bySlot[excluded[i]];
            tree(excludedPool).add(proc.slot, proc.tickets);
        }
        excludedCount = 0;
    }

    private TicketTree tree(Pool pool) {
        return pool == Pool.EVERYONE ? everyone : latencyCritical;
    }

    /** Doubles the slots: new trees refilled with the waiting procs' tickets. */
    private void grow() {
        int slots = bySlot.length * 2;
        bySlot = Arrays.copyOf(bySlot, slots);
        freeSlots = Arrays.copyOf(freeSlots, slots);
        excluded = Arrays.copyOf(excluded, slots);
        everyone = new TicketTree(slots);
        latencyCritical = new TicketTree(slots);
        for (LotteryProc proc : bySlot) {
            if (proc != null && proc.waiting) {
                enter(proc);
            }
        }
    }
}
