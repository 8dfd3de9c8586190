package org.danian.framework.runtime;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A kthread's wait in the packet driver when it runs out of work while holding a core
 * (directpath receive, see {@link PollingBaton}): instead of parking at once, which gives the
 * core back and leaves the next packet to the scheduler thread and then to a wake-up of a
 * kthread, it asks for the polling baton and waits in the driver for up to the driver's
 * linger. The packet that comes then wakes this thread alone; it steers the packet into its
 * proc's ingress and runs it on the core it still holds. The linger starts again with every
 * packet; when it passes without one, or when the kthread must cede or stop, the baton goes
 * back to the scheduler thread.
 *
 * <p>The core stays granted, and counted as used, while its kthread waits here: the price of
 * a wake-up saved per request, paid only while the driver allows it (its linger is positive)
 * and nothing else wants the core: work offered to another proc, or to this one by a thread
 * not its own, ends the wait at once ({@link RuntimeContext#breakLinger}), and the kthread
 * parks unless the work is its own, so the core is free to be granted as after any park.
 * A burst that leaves more than the one packet this kthread takes at once in the ingress
 * wakes the scheduler thread to judge the congestion and grant more cores, as when the
 * scheduler thread steers it.
 *
 * <p>Owned by its kthread; only that thread calls it.
 */
final class DriverLinger {

    private final RuntimeContext context;
    private final ProcRuntime proc;
    private final KThreadRunner self;

    DriverLinger(RuntimeContext context, ProcRuntime proc, KThreadRunner self) {
        this.context = context;
        this.proc = proc;
        this.self = self;
    }

    /**
     * The kthread, after its spin found no work: waits in the driver. Returns true when work
     * may have come or the kthread must cede or stop ({@code workOrCede}), keeping the baton
     * if it holds it; false when the linger passed without work, its proc is closing, or no
     * driver allows it, with the baton given back: the kthread then parks as usual.
     */
    boolean awaitWork(BooleanSupplier workOrCede) {
        PollingBaton baton = context.pollingBaton();
        long linger = baton.lingerNanos();
        if (linger <= 0 || proc.isClosing()) {
            releaseIfHeld();
            return false;
        }
        long deadline = System.nanoTime() + linger;
        long breaks = context.lingerBreaks();
        if (!baton.heldBy(self.token()) && !acquire(baton, workOrCede, deadline, breaks)) {
            return workOrCede.getAsBoolean();
        }
        while (!workOrCede.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            boolean mayWait = left > 0 && !proc.isClosing() && context.lingerBreaks() == breaks;
            int taken = mayWait ? baton.poller().await(left) : -1;
            if (taken < 0) {
                releaseIfHeld();
                return workOrCede.getAsBoolean();
            }
            if (taken > 0) {
                deadline = System.nanoTime() + linger;
                if (proc.ingress().size() > 1) {
                    context.unparkScheduler(); // more than this kthread takes at once: congestion to judge
                }
            }
        }
        return true;
    }

    /** Asks for the baton and waits for it until work comes or the deadline; whether it got it. */
    private boolean acquire(PollingBaton baton, BooleanSupplier workOrCede, long deadline, long breaks) {
        int token = self.token();
        if (!baton.want(token)) {
            return false; // another kthread polls, or waits to: this one parks as usual
        }
        context.wakeScheduler(); // it usually waits in the driver: it must hand the baton over
        while (!baton.heldBy(token)) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || workOrCede.getAsBoolean() || proc.isClosing() || context.lingerBreaks() != breaks) {
                if (baton.withdraw(token)) {
                    return false;
                }
                // Handed over meanwhile: this kthread holds it now.
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        return true;
    }

    /** Gives the baton back if this kthread holds it, and wakes the scheduler thread to poll. */
    void releaseIfHeld() {
        if (context.pollingBaton().release(self.token())) {
            context.unparkScheduler();
        }
    }
}
