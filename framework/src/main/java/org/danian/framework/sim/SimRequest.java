package org.danian.framework.sim;

/**
 * One simulated request as it sits in a real run queue ({@code TaskQueue} holds
 * {@link Runnable}s): when it arrived, how long it needs, whose it is. Never run as code: the
 * kthread that takes it charges its service time in virtual time instead. Recycled through
 * a free list, so a long run allocates only as many as are in flight at once.
 */
final class SimRequest implements Runnable {

    long arrivalNanos;
    /** Service time still owed (all of it until it first runs; less after a yield). */
    long remainingNanos;
    int proc;
    /** The closed-loop client actor that sent it, or -1 for an open-loop arrival. */
    int clientActor;
    /** Whether it counts in the latency figures (measured proc, past the warm-up). */
    boolean recorded;
    SimRequest nextFree;

    @Override
    public void run() {
        throw new IllegalStateException("a simulated request is served in virtual time, never run");
    }
}
