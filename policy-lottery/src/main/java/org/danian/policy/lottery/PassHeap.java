package org.danian.policy.lottery;

import java.util.Arrays;

/**
 * An indexed binary min-heap of slots (kthread ids) keyed by a {@code long} pass: insert,
 * remove any slot, and take the minimum in O(log n), allocation-free after construction.
 *
 * <p>Passes only grow and all keys in the heap lie within a bounded window of each other, so
 * keys are compared by the sign of their difference; that order survives {@code long}
 * wrap-around, which a long-running stride scheduler eventually reaches. Ties go to the lower
 * slot, so the order is total and deterministic.
 */
final class PassHeap {

    private static final int ABSENT = -1;

    private final int[] heap;
    /** Index of each slot in {@link #heap}, or {@link #ABSENT}. */
    private final int[] position;
    private final long[] pass;
    private int size;

    PassHeap(int slots) {
        this.heap = new int[slots];
        this.position = new int[slots];
        this.pass = new long[slots];
        Arrays.fill(position, ABSENT);
    }

    int size() {
        return size;
    }

    boolean contains(int slot) {
        return position[slot] != ABSENT;
    }

    /** The pass of a slot in the heap. */
    long passOf(int slot) {
        return pass[slot];
    }

    void insert(int slot, long slotPass) {
        pass[slot] = slotPass;
        heap[size] = slot;
        position[slot] = size;
        size++;
        siftUp(size - 1);
    }

    /** Removes and returns the slot with the smallest pass; the heap must not be empty. */
    int pollMin() {
        int min = heap[0];
        remove(min);
        return min;
    }

    /** Removes a slot that is in the heap. */
    void remove(int slot) {
        int index = position[slot];
        position[slot] = ABSENT;
        size--;
        if (index == size) {
            return;
        }
        int last = heap[size];
        heap[index] = last;
        position[last] = index;
        siftDown(index);
        if (heap[index] == last) {
            siftUp(index);
        }
    }

    private void siftUp(int index) {
        int slot = heap[index];
        while (index > 0) {
            int parent = (index - 1) >>> 1;
            if (!before(slot, heap[parent])) {
                break;
            }
            place(heap[parent], index);
            index = parent;
        }
        place(slot, index);
    }

    private void siftDown(int index) {
        int slot = heap[index];
        while (true) {
            int child = 2 * index + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], slot)) {
                break;
            }
            place(heap[child], index);
            index = child;
        }
        place(slot, index);
    }

    private void place(int slot, int index) {
        heap[index] = slot;
        position[slot] = index;
    }

    private boolean before(int a, int b) {
        long difference = pass[a] - pass[b];
        return difference < 0 || (difference == 0 && a < b);
    }
}
