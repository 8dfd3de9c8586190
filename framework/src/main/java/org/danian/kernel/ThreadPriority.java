package org.danian.kernel;

import java.util.Objects;

/**
 * The nice value the kernel's threads run at, and why: the outcome of
 * {@link KernelSettings#threadNice()} when the scheduler thread started. The kthreads set the
 * same value when they start, and only if the scheduler thread could.
 *
 * @param requested the setting, -20..19; 0 leaves the threads at the value they inherit
 * @param applied whether the scheduler thread runs at {@code requested} (always false for 0,
 *     where nothing is set, and before the scheduler thread started)
 * @param kthreadsRefused kthreads whose own attempt failed after the scheduler thread's
 *     succeeded (an {@code RLIMIT_NICE} lowered meanwhile); normally 0
 * @param reason why, in words: the setting, or the error that refused it and what would allow
 *     it
 */
public record ThreadPriority(int requested, boolean applied, long kthreadsRefused, String reason) {

    /** Checks the fields. */
    public ThreadPriority {
        Objects.requireNonNull(reason, "reason");
        if (kthreadsRefused < 0) {
            throw new IllegalArgumentException("kthreadsRefused must not be negative: " + kthreadsRefused);
        }
    }

    /** The priority before the scheduler thread has tried to set {@code requested}. */
    public static ThreadPriority undecided(int requested) {
        return new ThreadPriority(requested, false, 0, "threadNice=" + requested + ", not yet set");
    }
}
