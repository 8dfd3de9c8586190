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

    private static final int NOT_SCHEDULED = ActorHeap.NOT_SCHEDULED;
    /** The heap's position marker for an actor whose event is in the FIFO. */
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

    /** The events not due now; also each actor's position: a slot, {@link #IN_FIFO} or {@link #NOT_SCHEDULED}. */
    private final ActorHeap heap;

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
        this.heap = new ActorHeap(actors);
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
        int slot = heap.position(actor);
        if (at == current) {
            if (slot >= 0) {
                heap.mark(actor, IN_FIFO);
                heap.removeAt(slot);
            }
            pushFifo(actor, sequence);
            return;
        }
        heap.put(actor, at, sequence); // a FIFO entry, if any, turns stale
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
        int slot = heap.position(actor);
        heap.mark(actor, NOT_SCHEDULED);
        if (slot >= 0) {
            heap.removeAt(slot);
        }
    }

    boolean isScheduled(int actor) {
        return actor < fastActors ? fastPending[actor] : heap.position(actor) != NOT_SCHEDULED;
    }

    /** When {@code actor}'s pending event fires; only meaningful if it is scheduled. */
    long timeOf(int actor) {
        if (actor < fastActors) {
            return fastTime[actor];
        }
        int slot = heap.position(actor);
        return slot == IN_FIFO ? fifoTime : heap.timeAt(slot);
    }

    boolean isEmpty() {
        dropStaleFifoHead();
        return heap.size() == 0 && fifoHead == fifoTail && fastPendingCount == 0;
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
            actor = heap.topActor();
            current = heap.topTime();
            heap.mark(actor, NOT_SCHEDULED);
            heap.removeAt(0);
        } else if (source == FROM_FIFO) {
            actor = fifoActor[fifoHead];
            current = fifoTime;
            fifoHead = next(fifoHead);
            heap.mark(actor, NOT_SCHEDULED);
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
        if (heap.size() > 0) {
            bestTime = heap.topTime();
            bestSequence = heap.topSequence();
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
        heap.mark(actor, IN_FIFO);
        fifoLive[actor] = sequence;
    }

    /** Skips entries whose actor was cancelled or rescheduled since. */
    private void dropStaleFifoHead() {
        while (fifoHead != fifoTail) {
            int actor = fifoActor[fifoHead];
            if (heap.position(actor) == IN_FIFO && fifoLive[actor] == fifoSequence[fifoHead]) {
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
            if (heap.position(actor) == IN_FIFO && fifoLive[actor] == fifoSequence[at]) {
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
}
