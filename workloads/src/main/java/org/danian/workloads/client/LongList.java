package org.danian.workloads.client;

import java.util.Arrays;

/** A growable array of longs: schedules and samples without boxing. Not thread-safe. */
final class LongList {

    private long[] values = new long[1024];
    private int size;

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }
}
