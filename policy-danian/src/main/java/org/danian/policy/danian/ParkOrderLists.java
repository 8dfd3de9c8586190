package org.danian.policy.danian;

import java.util.Arrays;

/**
 * A family of doubly linked lists of kthread ids in park order, intrusive over arrays indexed
 * by kthread id, so that pushing and unlinking allocate nothing and cost O(1).
 *
 * <p>Each kthread is in at most one list of a family at a time; a picker that needs a kthread
 * in two lists at once (the global park order and its last core's list) uses two families.
 * The head of a list is the most recently pushed kthread, the tail the least recently pushed,
 * as in Caladan's {@code idle_threads} (Danian §4, Listing 1). Unlinking keeps the relative
 * order of the others, so every list stays in park order.
 *
 * <p>Memory: two ints per kthread plus two per list. Not thread-safe: a picker is used on the
 * scheduler thread only (see {@link org.danian.spi.pick.ThreadPicker}).
 */
final class ParkOrderLists {

    /** No kthread: an empty list's head and tail, and the ends of every list. */
    static final int NONE = -1;

    /** Toward the tail (less recently parked). */
    private final int[] next;
    /** Toward the head (more recently parked). */
    private final int[] prev;
    private final int[] heads;
    private final int[] tails;

    /**
     * @param kthreads number of kthreads of the proc; ids are in {@code [0, kthreads)}
     * @param lists number of lists; list numbers are in {@code [0, lists)}
     */
    ParkOrderLists(int kthreads, int lists) {
        this.next = new int[kthreads];
        this.prev = new int[kthreads];
        this.heads = new int[lists];
        this.tails = new int[lists];
        Arrays.fill(heads, NONE);
        Arrays.fill(tails, NONE);
    }

    /** Pushes {@code id}, which is in no list of this family, at the head of {@code list}. */
    void pushHead(int list, int id) {
        int oldHead = heads[list];
        prev[id] = NONE;
        next[id] = oldHead;
        if (oldHead != NONE) {
            prev[oldHead] = id;
        } else {
            tails[list] = id;
        }
        heads[list] = id;
    }

    /** Unlinks {@code id} from {@code list}, which must hold it. */
    void unlink(int list, int id) {
        int before = prev[id];
        int after = next[id];
        if (before != NONE) {
            next[before] = after;
        } else {
            heads[list] = after;
        }
        if (after != NONE) {
            prev[after] = before;
        } else {
            tails[list] = before;
        }
    }

    /** The most recently pushed kthread of {@code list}, or {@link #NONE}. */
    int head(int list) {
        return heads[list];
    }

    /** The least recently pushed kthread of {@code list}, or {@link #NONE}. */
    int tail(int list) {
        return tails[list];
    }
}
