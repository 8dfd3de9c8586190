package org.danian.framework.metrics;

import java.util.Arrays;

/**
 * The attached procs' metrics by proc id: an open-addressing table (linear probing) rebuilt
 * on every attach and detach and never changed afterwards, so a lookup from any thread that
 * reached it through a safe publication needs no further synchronisation and allocates
 * nothing. Proc ids grow for the kernel's whole run; the table's size follows the number of
 * attached procs, not the largest id. Rebuilding costs O(procs), only at attach and detach.
 */
final class ProcIndex {

    static final ProcIndex EMPTY = new ProcIndex(new ProcMetrics[0]);

    /** The attached procs in attach order. */
    private final ProcMetrics[] inOrder;
    /** Slots of a power-of-two size at most half full; null marks an empty slot. */
    private final ProcMetrics[] slots;

    private ProcIndex(ProcMetrics[] inOrder) {
        this.inOrder = inOrder;
        this.slots = new ProcMetrics[Integer.highestOneBit(Math.max(1, inOrder.length) * 2) * 2];
        for (ProcMetrics proc : inOrder) {
            int slot = home(proc.proc.id());
            while (slots[slot] != null) {
                slot = (slot + 1) & (slots.length - 1);
            }
            slots[slot] = proc;
        }
    }

    /** The metrics of the proc with this id, or null if none is attached. */
    ProcMetrics find(int procId) {
        int slot = home(procId);
        for (ProcMetrics proc = slots[slot]; proc != null; proc = slots[slot]) {
            if (proc.proc.id() == procId) {
                return proc;
            }
            slot = (slot + 1) & (slots.length - 1);
        }
        return null;
    }

    /** A new index with {@code proc} added last. */
    ProcIndex with(ProcMetrics proc) {
        ProcMetrics[] more = Arrays.copyOf(inOrder, inOrder.length + 1);
        more[inOrder.length] = proc;
        return new ProcIndex(more);
    }

    /** A new index without {@code proc}. */
    ProcIndex without(ProcMetrics proc) {
        return new ProcIndex(Arrays.stream(inOrder).filter(p -> p != proc).toArray(ProcMetrics[]::new));
    }

    int size() {
        return inOrder.length;
    }

    /** The {@code index}-th attached proc in attach order. */
    ProcMetrics get(int index) {
        return inOrder[index];
    }

    private int home(int procId) {
        return (procId * 0x9E3779B9) >>> 1 & (slots.length - 1);
    }
}
