package org.danian.framework.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

import org.danian.kernel.MetricsSnapshot;

/**
 * The thread hand-offs on the packet path, counted where they happen, so that the cost of a
 * request in wake-ups is visible ({@link MetricsSnapshot.HandOffs}): each is a thread of ours
 * that Linux must run because another one, or a packet, asked it to.
 *
 * <p>One writer per counter at a time, which increments with a plain read and a release store
 * ({@code lazySet}); readers on other threads see a recent, untorn value. The scheduler thread
 * writes all but {@link #request()}, which the driver's polling thread writes: the scheduler
 * thread, or the kthread that holds the polling baton (the hand-over orders the two writers).
 * Allocation-free.
 */
public final class HandOffCounters {

    private static final int REQUESTS = 0;
    private static final int SCHEDULER_WAKEUPS = 1;
    private static final int KTHREAD_WAKES = 2;
    private static final int EGRESS = 3;
    private static final int FAST_REWAKES = 4;

    private final AtomicLongArray counts = new AtomicLongArray(5);

    /** A packet was steered to a proc's ingress: the polling thread hands it to a kthread. */
    public void request() {
        bump(REQUESTS);
    }

    /** The scheduler thread went to sleep (a park, or a wait in the driver) and was woken. */
    public void schedulerWakeup() {
        bump(SCHEDULER_WAKEUPS);
    }

    /** The scheduler thread woke a parked kthread for a grant. */
    public void kthreadWake() {
        bump(KTHREAD_WAKES);
    }

    /** Replies the polling thread transmitted for kthreads (not sent by the kthreads themselves). */
    public void egress(int replies) {
        if (replies > 0) {
            counts.lazySet(EGRESS, counts.get(EGRESS) + replies);
        }
    }

    /** A kthread that parked with packets waiting was re-run on its core without the policy. */
    public void fastRewake() {
        bump(FAST_REWAKES);
    }

    private void bump(int counter) {
        counts.lazySet(counter, counts.get(counter) + 1);
    }

    /** Any thread: the counts now. */
    public MetricsSnapshot.HandOffs read() {
        return new MetricsSnapshot.HandOffs(counts.get(REQUESTS), counts.get(SCHEDULER_WAKEUPS),
                counts.get(KTHREAD_WAKES), counts.get(EGRESS), counts.get(FAST_REWAKES));
    }
}
