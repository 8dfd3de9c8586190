package org.danian.framework.alloc;

import java.util.Arrays;

/**
 * The attached procs by {@link org.danian.spi.ProcView#id() id}: an open-addressing hash
 * table of primitive keys (linear probing, deletion by backward shift), so that the lookup
 * {@code congestion} and {@code coreNeeded} make on every call boxes nothing and allocates
 * nothing.
 *
 * <p>Why not an array indexed by id: ids stay unique for the kernel's whole run, so they grow
 * without bound as procs come and go, while the live procs stay few. The table is sized by
 * live procs and grows only in {@link #put}, that is, on attach.
 *
 * <p>Confined to the scheduler thread.
 */
final class ProcsById {

    private static final int FREE = -1;
    private static final int INITIAL_CAPACITY = 16;

    private int[] keys = newKeys(INITIAL_CAPACITY);
    private SimpleProc[] values = new SimpleProc[INITIAL_CAPACITY];
    private int size;

    private static int[] newKeys(int capacity) {
        int[] keys = new int[capacity];
        Arrays.fill(keys, FREE);
        return keys;
    }

    /** The proc with this id, or null if none is attached. */
    SimpleProc get(int id) {
        int mask = keys.length - 1;
        for (int slot = home(id, mask); keys[slot] != FREE; slot = (slot + 1) & mask) {
            if (keys[slot] == id) {
                return values[slot];
            }
        }
        return null;
    }

    /**
     * Adds {@code proc} under its id.
     *
     * @throws IllegalStateException if a proc with the same id is attached
     */
    void put(SimpleProc proc) {
        int id = proc.view.id();
        if (id < 0) {
            throw new IllegalArgumentException("proc ids are at least 0: " + id);
        }
        if (get(id) != null) {
            throw new IllegalStateException("proc " + id + " is already attached");
        }
        if (2 * (size + 1) > keys.length) {
            grow();
        }
        insert(id, proc);
        size++;
    }

    /** Removes and returns the proc with this id, or null if none is attached. */
    SimpleProc remove(int id) {
        int mask = keys.length - 1;
        int slot = home(id, mask);
        while (keys[slot] != id) {
            if (keys[slot] == FREE) {
                return null;
            }
            slot = (slot + 1) & mask;
        }
        SimpleProc removed = values[slot];
        closeGap(slot, mask);
        size--;
        return removed;
    }

    /** Number of attached procs. */
    int size() {
        return size;
    }

    /**
     * Empties {@code gap} and shifts back every later entry of the same probe run that would
     * otherwise become unreachable (Knuth, TAOCP vol. 3, §6.4, Algorithm R).
     */
    private void closeGap(int gap, int mask) {
        int slot = gap;
        while (true) {
            slot = (slot + 1) & mask;
            if (keys[slot] == FREE) {
                break;
            }
            int home = home(keys[slot], mask);
            boolean homeOutsideGapToSlot = gap <= slot
                    ? home <= gap || home > slot
                    : home <= gap && home > slot;
            if (homeOutsideGapToSlot) {
                keys[gap] = keys[slot];
                values[gap] = values[slot];
                gap = slot;
            }
        }
        keys[gap] = FREE;
        values[gap] = null;
    }

    private void grow() {
        int[] oldKeys = keys;
        SimpleProc[] oldValues = values;
        keys = newKeys(oldKeys.length * 2);
        values = new SimpleProc[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                insert(oldKeys[i], oldValues[i]);
            }
        }
    }

    private void insert(int id, SimpleProc proc) {
        int mask = keys.length - 1;
        int slot = home(id, mask);
        while (keys[slot] != FREE) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = id;
        values[slot] = proc;
    }

    /** Fibonacci hashing: spreads the kernel's sequential ids over the table. */
    private static int home(int id, int mask) {
        int hash = id * 0x9E3779B9;
        return (hash ^ (hash >>> 16)) & mask;
    }
}
