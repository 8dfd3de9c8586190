package org.danian.framework.engine;

import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.TaskQueue;

/**
 * Caladan's congestion rule (OSDI'20 §4.1, iokernel/sched.c): a proc's delay is the maximum
 * over its kthreads of the age of the oldest queued task, plus how long its ingress queue has
 * held its oldest packet; it is congested if that delay reaches its threshold, or, with a
 * threshold of 0 (Shenango's rule), if an item seen at the previous poll is still queued, or
 * if a parked kthread has work (a queued task, or packets while no kthread holds a core).
 *
 * <p>"Seen at the previous poll" is judged by enqueue time: an item stamped at or before the
 * previous slow pass was in its queue then. A task stamped just before that pass but offered
 * just after it counts as seen; the window is the few nanoseconds of an offer, and the error
 * only makes the proc look congested one interval early.
 *
 * <p>Lock-free reads of the queues' published signals; allocation-free. Scheduler thread only.
 */
final class CongestionRule {

    private CongestionRule() {
    }

    /**
     * Measures {@code proc} at {@code now}, stores its delay in {@link ProcEntry#delayNanos},
     * and returns the verdict.
     *
     * @param previousPoll when the previous slow pass ran; {@link Long#MIN_VALUE} before the first
     */
    static boolean judge(ProcEntry proc, long now, long previousPoll) {
        ProcRuntime runtime = proc.runtime;
        long taskDelay = 0;
        boolean seenBefore = false;
        boolean parkedWithWork = false;
        for (int id = 0; id < proc.kthreadCount(); id++) {
            long oldest = runtime.queue(id).oldestEnqueueNanos();
            if (oldest == TaskQueue.EMPTY) {
                continue;
            }
            taskDelay = Math.max(taskDelay, now - oldest);
            seenBefore |= oldest <= previousPoll;
            parkedWithWork |= proc.kthread(id).idle;
        }
        long ingressDelay = 0;
        long oldestPacket = runtime.ingress().oldestEnqueueNanos();
        if (oldestPacket != TaskQueue.EMPTY) {
            ingressDelay = Math.max(0, now - oldestPacket);
            seenBefore |= oldestPacket <= previousPoll;
            parkedWithWork |= proc.coresHeld == 0;
        }
        long delay = taskDelay + ingressDelay;
        proc.delayNanos = delay;
        long threshold = proc.spec().delayThresholdNanos();
        return parkedWithWork || (threshold == 0 ? seenBefore : delay >= threshold);
    }
}
