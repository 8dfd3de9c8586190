package org.danian.framework.alloc;

/**
 * The procs waiting for a core (Caladan simple.c's {@code congested_procs}), an intrusive
 * doubly linked list through {@link SimpleProc#earlier} and {@link SimpleProc#later}, so that
 * marking, unmarking and iterating allocate nothing and cost O(1) per step.
 *
 * <p>Kept in marking order, oldest first. simple.c pushes at the head and hands a free core
 * to the head, the proc marked last; we hand it to the proc that has waited longest, so a
 * proc that stays congested cannot be overtaken forever by procs that keep flapping.
 *
 * <p>Confined to the scheduler thread.
 */
final class CongestedProcs {

    private SimpleProc oldest;
    private SimpleProc newest;

    /** Marks {@code proc} congested at the tail; does nothing if it already is. */
    void mark(SimpleProc proc) {
        if (proc.congested) {
            return;
        }
        proc.congested = true;
        proc.earlier = newest;
        proc.later = null;
        if (newest != null) {
            newest.later = proc;
        } else {
            oldest = proc;
        }
        newest = proc;
    }

    /** Removes {@code proc} from the list; does nothing if it is not congested. */
    void unmark(SimpleProc proc) {
        if (!proc.congested) {
            return;
        }
        proc.congested = false;
        if (proc.earlier != null) {
            proc.earlier.later = proc.later;
        } else {
            oldest = proc.later;
        }
        if (proc.later != null) {
            proc.later.earlier = proc.earlier;
        } else {
            newest = proc.earlier;
        }
        proc.earlier = null;
        proc.later = null;
    }

    /** The proc marked longest ago, or null; walk on with {@link SimpleProc#later}. */
    SimpleProc oldest() {
        return oldest;
    }
}
