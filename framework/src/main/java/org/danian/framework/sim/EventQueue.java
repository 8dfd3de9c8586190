package org.danian.framework.sim;

/**
 * The simulator's future: at most one pending event per actor (the scheduler, each arrival
 * source or client, each kthread), fired in order of (time, sequence). The sequence number
 * makes equal times fire in scheduling order, so a run depends on nothing but its inputs.
 * Rescheduling an actor replaces its event; cancelling removes it. Allocates nothing.
 *
 * <p>Three stores, one order. Most events of a run are of three kinds, and each has a store
 * that suits it:
 * <ul>
 *   <li>the first {@code fastActors} actors (the scheduler core and the open-loop arrival
 *       sources), whose next event is almost always the earliest of all: slots of their own,
 *       compared at each poll, instead of a trip from a heap's bottom to its root and back at
 *       every arrival;
 *   <li>events for the current time (a spinning kthread told that work arrived, a start
 *       handed over at once): a FIFO, since their sequence numbers only grow, with lazy removal;
 *   <li>the rest (request completions, spin ends, wake-ups): an indexed binary min-heap whose
 *       keys sit in heap order beside the actors, so a sift reads neighbouring slots.
 * </ul>
 * Each poll takes the least (time, sequence) of the three heads, so the firing order is the
 * same as one heap's: only the cost changes.
 */
final class EventQueue {

    private static final int NOT_SCHEDULED = -1;
    /** {@link #position}'s value for an actor whose event is in the FIFO. */
    private static final int IN_FIFO = -2;

    private final int fastActors;
    private final long[] fastTime;
    private final long[] fastSequence;
    private final boolean[] fastPending;
    private int fastPendingCount;

    private final int[] fifoActor;
    private final long[] fifoSequence;
    /** The sequence of each actor's live FIFO entry (older entries of the actor are stale). */
    private final long[] fifoLive;
    private final int[] compactActors;
    private final long[] compactSequences;
    private long fifoTime;
    private int fifoHead;
    private int fifoTail;

    private final int[] heap;
    private final long[] heapTime;
    private final long[] heapSequence;
    /** Per actor: its heap slot, {@link #IN_FIFO}, or {@link #NOT_SCHEDULED}. */
    private final int[] position;
    private int size;

    private long nextSequence;
    /** The time of the last event polled: events scheduled for it go to the FIFO. */
    private long current = Long.MIN_VALUE;

    /**
     * @param actors how many actors (ids 0 to actors - 1)
     * @param fastActors how many of the first ids get a slot of their own (at least 0)
     */
    EventQueue(int actors, int fastActors) {
        if (fastActors < 0 || fastActors > actors) {
            throw new IllegalArgumentException("fastActors must be in 0.." + actors + ": " + fastActors);
        }
        this.fastActors = fastActors;
        this.fastTime = new long[fastActors];
        this.fastSequence = new long[fastActors];
        this.fastPending = new boolean[fastActors];
        this.fifoActor = new int[actors + 1];
        this.fifoSequence = new long[actors + 1];
        this.fifoLive = new long[actors];
        this.compactActors = new int[actors + 1];
        this.compactSequences = new long[actors + 1];
        this.heap = new int[actors];
        this.heapTime = new long[actors];
        this.heapSequence = new long[actors];
        this.position = new int[actors];
        java.util.Arrays.fill(position, NOT_SCHEDULED);
    }

    /** Schedules {@code actor} at {@code at}, replacing its pending event if it has one. */
    void schedule(int actor, long at) {
        long sequence = nextSequence++;
        if (actor < fastActors) {
            if (!fastPending[actor]) {
                fastPending[actor] = true;
                fastPendingCount++;
            }
            fastTime[actor] = at;
            fastSequence[actor] = sequence;
            return;
        }
        int slot = position[actor];
        if (at == current) {
            if (slot >= 0) {
                removeAt(slot);
            }
            pushFifo(actor, sequence);
            return;
        }
        if (slot < 0) {
            siftUp(size++, actor, at, sequence); // a FIFO entry, if any, turns stale
        } else if (at < heapTime[slot]) {
            siftUp(slot, actor, at, sequence); // earlier: it can only move up
        } else {
            siftDown(slot, actor, at, sequence); // later, or equal with a later sequence: only down
        }
    }

    /** Removes the pending event of {@code actor}, if any. */
    void cancel(int actor) {
        if (actor < fastActors) {
            if (fastPending[actor]) {
                fastPending[actor] = false;
                fastPendingCount--;
            }
            return;
        }
        int slot = position[actor];
        position[actor] = NOT_SCHEDULED;
        if (slot >= 0) {
            removeAt(slot);
        }
    }

    boolean isScheduled(int actor) {
        return actor < fastActors ? fastPending[actor] : position[actor] != NOT_SCHEDULED;
    }

    /** When {@code actor}'s pending event fires; only meaningful if it is scheduled. */
    long timeOf(int actor) {
        if (actor < fastActors) {
            return fastTime[actor];
        }
        int slot = position[actor];
        return slot == IN_FIFO ? fifoTime : heapTime[slot];
    }

    boolean isEmpty() {
        dropStaleFifoHead();
        return size == 0 && fifoHead == fifoTail && fastPendingCount == 0;
    }

    /** The time of the event {@link #poll()} returned last: the simulation's present. */
    long current() {
        return current;
    }

    /** Removes the earliest event and returns its actor ({@link #current()} is its time); the queue must not be empty. */
    int poll() {
        int source = earliest();
        int actor;
        if (source == FROM_HEAP) {
            actor = heap[0];
            current = heapTime[0];
            position[actor] = NOT_SCHEDULED;
            removeAt(0);
        } else if (source == FROM_FIFO) {
            actor = fifoActor[fifoHead];
            current = fifoTime;
            fifoHead = next(fifoHead);
            position[actor] = NOT_SCHEDULED;
        } else {
            actor = source;
            current = fastTime[actor];
            fastPending[actor] = false;
            fastPendingCount--;
        }
        return actor;
    }

    private static final int FROM_HEAP = -1;
    private static final int FROM_FIFO = -2;

    /** Where the earliest event is: a fast actor's id, {@link #FROM_HEAP} or {@link #FROM_FIFO}. */
    private int earliest() {
        int best = FROM_HEAP;
        long bestTime = Long.MAX_VALUE;
        long bestSequence = Long.MAX_VALUE;
        if (size > 0) {
            bestTime = heapTime[0];
            bestSequence = heapSequence[0];
        } else {
            best = -3;
        }
        dropStaleFifoHead();
        if (fifoHead != fifoTail) {
            long sequence = fifoSequence[fifoHead];
            if (fifoTime < bestTime || (fifoTime == bestTime && sequence < bestSequence)) {
                best = FROM_FIFO;
                bestTime = fifoTime;
                bestSequence = sequence;
            }
        }
        if (fastPendingCount > 0) {
            for (int actor = 0; actor < fastActors; actor++) {
                if (fastPending[actor]) {
                    long time = fastTime[actor];
                    if (time < bestTime || (time == bestTime && fastSequence[actor] < bestSequence)) {
                        best = actor;
                        bestTime = time;
                        bestSequence = fastSequence[actor];
                    }
                }
            }
        }
        if (best == -3) {
            throw new IllegalStateException("no event is pending");
        }
        return best;
    }

    private void pushFifo(int actor, long sequence) {
        dropStaleFifoHead();
        if (fifoHead == fifoTail) {
            fifoTime = current;
        } else if (fifoTime != current) {
            throw new IllegalStateException("an event of " + fifoTime + " ns is still pending at " + current + " ns");
        }
        fifoActor[fifoTail] = actor;
        fifoSequence[fifoTail] = sequence;
        fifoTail = next(fifoTail);
        if (fifoTail == fifoHead) {
            compactFifo();
        }
        position[actor] = IN_FIFO;
        fifoLive[actor] = sequence;
    }

    /** Skips entries whose actor was cancelled or rescheduled since. */
    private void dropStaleFifoHead() {
        while (fifoHead != fifoTail) {
            int actor = fifoActor[fifoHead];
            if (position[actor] == IN_FIFO && fifoLive[actor] == fifoSequence[fifoHead]) {
                return;
            }
            fifoHead = next(fifoHead);
        }
    }

    /** The ring filled up with stale entries: keeps only the live ones, in order. */
    private void compactFifo() {
        int count = fifoActor.length; // full: head == tail
        int kept = 0;
        int[] actors = compactActors;
        long[] sequences = compactSequences;
        for (int i = 0, at = fifoHead; i < count; i++, at = next(at)) {
            int actor = fifoActor[at];
            if (position[actor] == IN_FIFO && fifoLive[actor] == fifoSequence[at]) {
                actors[kept] = actor;
                sequences[kept++] = fifoSequence[at];
            }
        }
        System.arraycopy(actors, 0, fifoActor, 0, kept);
        System.arraycopy(sequences, 0, fifoSequence, 0, kept);
        fifoHead = 0;
        fifoTail = kept;
    }

    private int next(int at) {
        return at + 1 == fifoActor.length ? 0 : at + 1;
    }

    /** Fills {@code slot} (already detached from its actor) with the last entry, re-sifted. */
    private void removeAt(int slot) {
        int last = --size;
        if (slot == last) {
            return;
        }
        int actor = heap[last];
        long time = heapTime[last];
        long sequence = heapSequence[last];
        if (slot > 0 && before(time, sequence, (slot - 1) >>> 1)) {
            siftUp(slot, actor, time, sequence);
        } else {
            siftDown(slot, actor, time, sequence);
        }
    }

    /** Whether (time, sequence) comes before the heap entry at {@code slot}. */
    private boolean before(long time, long sequence, int slot) {
        long other = heapTime[slot];
        return time < other || (time == other && sequence < heapSequence[slot]);
    }

    private void siftUp(int slot, int actor, long time, long sequence) {
        while (slot > 0) {
            int parent = (slot - 1) >>> 1;
            if (!before(time, sequence, parent)) {
                break;
            }
            move(parent, slot);
            slot = parent;
        }
        place(slot, actor, time, sequence);
    }

    private void siftDown(int slot, int actor, long time, long sequence) {
        while (true) {
            int child = 2 * slot + 1;
            if (child >= size) {
                break;
            }
            int right = child + 1;
            if (right < size && before(heapTime[right], heapSequence[right], child)) {
                child = right;
            }
            if (before(time, sequence, child)) {
                break;
            }
            move(child, slot);
            slot = child;
        }
        place(slot, actor, time, sequence);
    }

    private void move(int from, int to) {
        int actor = heap[from];
        heap[to] = actor;
        heapTime[to] = heapTime[from];
        heapSequence[to] = heapSequence[from];
        position[actor] = to;
    }

    private void place(int slot, int actor, long time, long sequence) {
        heap[slot] = actor;
        heapTime[slot] = time;
        heapSequence[slot] = sequence;
        position[actor] = slot;
    }
}
