package org.danian.framework.engine;

import org.danian.spi.alloc.CoreSet;

/**
 * A set of cores kept in ascending order, as the allocator SPI's {@link CoreSet}: the cores
 * that became idle during one loop iteration (handed to the allocator's {@code poll}, then
 * cleared), and the schedulable cores. Sorted by insertion (cores usually arrive in order from
 * the fast pass); fixed arrays, so nothing allocates. Scheduler thread only.
 */
final class CoreBitSet implements CoreSet {

    private final int[] cores;
    private final boolean[] present;
    private int size;

    CoreBitSet(int coreCount) {
        this.cores = new int[coreCount];
        this.present = new boolean[coreCount];
    }

    void add(int core) {
        if (present[core]) {
            return;
        }
        present[core] = true;
        int at = size++;
        while (at > 0 && cores[at - 1] > core) {
            cores[at] = cores[at - 1];
            at--;
        }
        cores[at] = core;
    }

    /** Removes cores that are no longer idle (a faulty allocator granted some before failing). */
    void retainIdle(ProcTable table) {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (table.onCore(cores[i]) == null) {
                cores[kept++] = cores[i];
            } else {
                present[cores[i]] = false;
            }
        }
        size = kept;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            present[cores[i]] = false;
        }
        size = 0;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int core(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("index " + index + " of a set of " + size + " cores");
        }
        return cores[index];
    }

    @Override
    public boolean contains(int core) {
        return core >= 0 && core < present.length && present[core];
    }
}
