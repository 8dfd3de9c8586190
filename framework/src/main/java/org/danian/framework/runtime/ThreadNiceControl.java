package org.danian.framework.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntUnaryOperator;

import org.danian.framework.affinity.NativeThreads;
import org.danian.kernel.ThreadPriority;

/**
 * Sets the nice value of the kernel's threads ({@link org.danian.kernel.KernelSettings#threadNice()})
 * and keeps the outcome for {@code danian:status}.
 *
 * <p>Why: on a core the server shares, Linux's fair scheduler lets a woken thread wait until
 * the running one's slice ends, milliseconds when a co-tenant spins there; a lower nice value
 * gives the woken scheduler thread or kthread the weight to run first (the live-path tail in
 * docs/measurements.md). Caladan avoids the question by owning its cores.
 *
 * <p>The scheduler thread tries first, when it starts; each kthread tries when it starts only
 * if the scheduler thread succeeded, so a process that may not lower its nice value is refused
 * once, not once per kthread. The outcome is written once, by the scheduler thread, before any
 * kthread exists (kthreads are created by operations that thread carries out), and is
 * volatile; refusals of kthreads are counted atomically.
 */
public final class ThreadNiceControl {

    /** errno values of setpriority(2) when lowering is not permitted. */
    private static final int EPERM = 1;
    private static final int EACCES = 13;

    private final int requested;
    private final IntUnaryOperator setNice;
    private final String nativeDescription;
    private final AtomicLong kthreadsRefused = new AtomicLong();
    private volatile ThreadPriority outcome;

    /**
     * @param requested the nice value to set, -20..19; 0 sets nothing
     * @param threads the native thread control that sets it ({@link NativeThreads#setNice})
     * @throws IllegalArgumentException naming {@code requested} if it is outside -20..19
     */
    public ThreadNiceControl(int requested, NativeThreads threads) {
        this(requested, threads::setNice, threads.description());
    }

    /**
     * @param requested the nice value to set, -20..19; 0 sets nothing
     * @param setNice sets the calling thread's nice value and answers as
     *     {@link NativeThreads#setNice} does
     * @param nativeDescription what the native thread control is, for a refusal's reason
     * @throws IllegalArgumentException naming {@code requested} if it is outside -20..19
     */
    ThreadNiceControl(int requested, IntUnaryOperator setNice, String nativeDescription) {
        NativeThreads.checkNice(requested);
        this.requested = requested;
        this.setNice = setNice;
        this.nativeDescription = nativeDescription;
        this.outcome = ThreadPriority.undecided(requested);
    }

    /** A control that sets nothing: the threads keep the nice value they inherit. */
    public static ThreadNiceControl leaveAsIs(NativeThreads threads) {
        return new ThreadNiceControl(0, threads);
    }

    /** The scheduler thread, when it starts: sets its own nice value and records the outcome. */
    public void applyToScheduler() {
        if (requested == 0) {
            outcome = new ThreadPriority(0, false, 0, "threadNice=0: the threads keep the nice value they inherit");
            return;
        }
        int error = setNice.applyAsInt(requested);
        outcome = error == 0
                ? new ThreadPriority(requested, true, 0, "threadNice=" + requested + ": set")
                : new ThreadPriority(requested, false, 0, refusal(error));
    }

    /** A kthread, when it starts: sets its own nice value if the scheduler thread could. */
    public void applyToKThread() {
        if (outcome.applied() && setNice.applyAsInt(requested) != 0) {
            kthreadsRefused.incrementAndGet();
        }
    }

    /** The outcome so far. */
    public ThreadPriority status() {
        ThreadPriority decided = outcome;
        return new ThreadPriority(decided.requested(), decided.applied(), kthreadsRefused.get(), decided.reason());
    }

    private String refusal(int error) {
        String refused = "threadNice=" + requested + " refused, the threads keep the nice value they inherit: ";
        if (error == EPERM || error == EACCES) {
            return refused + "setpriority failed with errno " + error + " (" + (error == EPERM ? "EPERM" : "EACCES")
                    + "); lowering a nice value needs CAP_SYS_NICE or RLIMIT_NICE of at least " + (20 - requested)
                    + " (systemd: LimitNICE=" + requested + ")";
        }
        if (error == NativeThreads.NICE_UNSUPPORTED) {
            return refused + "native thread control is unavailable (" + nativeDescription + ")";
        }
        return refused + "setpriority failed with errno " + error;
    }
}
