package org.danian.spi.alloc.testing;

import java.util.Arrays;

import org.danian.spi.alloc.CoreSet;

/**
 * An ascending set of core numbers for allocator tests, e.g. the {@code newlyIdle} argument
 * of a hand-made {@code poll}. A set built by the public constructor never changes; the one
 * {@link FakeMachine#takeNewlyIdle()} returns is refilled by its next call, as the SPI allows
 * (valid only during the {@code poll} it is passed to).
 */
public final class FakeCoreSet implements CoreSet {

    private final int[] cores;
    private int size;

    /** The set of {@code cores}, in any order, without repeats. */
    public FakeCoreSet(int... cores) {
        this.cores = cores.clone();
        this.size = cores.length;
        Arrays.sort(this.cores);
    }

    /** An empty set that {@link #refill} can hold up to {@code capacity} cores in. */
    static FakeCoreSet reusable(int capacity) {
        FakeCoreSet set = new FakeCoreSet(new int[capacity]);
        set.size = 0;
        return set;
    }

    /** Replaces the contents by the cores {@code i} with {@code member[i]}; allocates nothing. */
    void refill(boolean[] member) {
        size = 0;
        for (int core = 0; core < member.length; core++) {
            if (member[core]) {
                cores[size++] = core;
            }
        }
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int core(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("core index " + index + " of " + size);
        }
        return cores[index];
    }

    @Override
    public boolean contains(int core) {
        return Arrays.binarySearch(cores, 0, size, core) >= 0;
    }

    @Override
    public String toString() {
        return Arrays.toString(Arrays.copyOf(cores, size));
    }
}
