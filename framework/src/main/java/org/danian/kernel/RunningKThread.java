package org.danian.kernel;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The kthread a task runs on, as {@link Cede} reaches it: every kthread of a live proc is a
 * thread that implements this interface, installed by the kernel when it starts the proc.
 * Task code uses {@link Cede}, which finds the current thread's implementation; it has no
 * reason to call this interface directly.
 */
@ProviderType
public interface RunningKThread {

    /**
     * Whether the scheduler asked this kthread to give its core back (a cede request for its
     * grant, a newer grant of its core, or its proc's kernel stopping). Called on this
     * kthread's own thread; two volatile reads, no allocation.
     */
    boolean cedeRequested();

    /**
     * Queues {@code rest} at the head of this kthread's run queue, counted as accepted work of
     * its proc. Called on this kthread's own thread, by the task it runs.
     */
    void continueWith(Runnable rest);
}
