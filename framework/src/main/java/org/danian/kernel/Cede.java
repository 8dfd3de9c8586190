package org.danian.kernel;

/**
 * Cooperative preemption for long-running tasks. The scheduler cannot interrupt a Java thread
 * the way Caladan's IOKernel interrupts a core, so a kthread checks between tasks whether the
 * scheduler asked it to give its core back; a task that runs longer than a few microseconds
 * must check too, and return soon when asked, so that a latency-critical proc gets the core
 * within microseconds.
 *
 * <p>Use, from task code running on a {@link LiveProc}'s kthread:
 * <pre>{@code
 * void run() {
 *     while (moreWork()) {
 *         step();
 *         if (Cede.requested()) {
 *             Cede.continueWith(this); // resumes at the head of this kthread's queue
 *             return;
 *         }
 *     }
 * }
 * }</pre>
 * Caladan's runtime puts a preempted uthread at the head of its run queue and parks; a Java
 * task cannot be suspended, so it returns and leaves its continuation there instead. The
 * continuation may then run on another of the proc's kthreads (work stealing), which is why
 * the kernel does not offer a blocking "cede here and resume" call: a kthread parked in the
 * middle of a task could be passed over by the thread picker for as long as its siblings
 * find other work.
 *
 * <p>Both methods are cheap (two volatile reads) and allocate nothing; they may be called
 * from any thread, and off a kthread {@link #requested()} is always false. They reach the
 * running kthread through {@link RunningKThread}, which the kernel's kthreads implement.
 */
public final class Cede {

    private Cede() {
    }

    /**
     * Whether the kthread running the calling task has been asked to give its core back (a
     * cede request for its grant, a newer grant of its core, or its proc's kernel stopping).
     * False when not called from a kthread.
     */
    public static boolean requested() {
        return Thread.currentThread() instanceof RunningKThread kthread && kthread.cedeRequested();
    }

    /**
     * Queues {@code rest} at the head of the calling kthread's run queue, to run next on
     * whichever kthread of the proc runs that queue (the caller, when it gets a core again, or
     * a sibling that steals it). Counted as accepted work, even while the proc is closing, so
     * a close waits for it. The calling task should return right after.
     *
     * @throws IllegalArgumentException if {@code rest} is null
     * @throws IllegalStateException if not called from a task running on a kthread
     */
    public static void continueWith(Runnable rest) {
        if (rest == null) {
            throw new IllegalArgumentException("continuation must not be null");
        }
        if (!(Thread.currentThread() instanceof RunningKThread kthread)) {
            throw new IllegalStateException("Cede.continueWith called on " + Thread.currentThread().getName()
                    + ", which is not a kthread of a live proc");
        }
        kthread.continueWith(rest);
    }
}
