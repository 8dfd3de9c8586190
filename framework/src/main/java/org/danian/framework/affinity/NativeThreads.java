package org.danian.framework.affinity;

import org.danian.kernel.KernelSettings;

/**
 * Operating-system control of the calling thread: pin it to a core, ask which core it is on,
 * its OS thread id and its CPU time. This is what lets a kthread run only on the core the
 * scheduler granted it (Caladan OSDI'20 §4: kthreads are pinned to their core; the Danian
 * paper keeps Caladan's model).
 *
 * <p>Obtain the process-wide instance with {@link NativeThreadsLoader#system()}. Two
 * implementations exist: a native one (jnr-ffi against the C library, on Linux) and an
 * unpinned fallback used when the native one cannot load, which says so once in the log and
 * answers every question with "unknown" or "not done". Callers never need to branch on the
 * kind: {@link #pin(int)} returning {@code false} is an expected outcome, counted by callers,
 * not an error.
 *
 * <p>Every method acts on <em>the calling thread</em>, may be called from any thread
 * concurrently, allocates nothing after the thread's first call (per-thread native buffers are
 * created once) and throws only for caller mistakes.
 */
public interface NativeThreads {

    /** Returned by {@link #currentCore()} when the core cannot be read. */
    int UNKNOWN_CORE = -1;

    /** Returned by {@link #osThreadId()} when the OS thread id cannot be read. */
    long UNKNOWN_THREAD_ID = -1;

    /** Returned by {@link #currentThreadCpuNanos()} when CPU time cannot be read. */
    long UNKNOWN_CPU_TIME = -1;

    /**
     * Whether this implementation really pins threads (the native one on Linux); {@code false}
     * for the unpinned fallback.
     */
    boolean canPin();

    /**
     * Restricts the calling thread to run only on {@code core} (Linux {@code
     * sched_setaffinity(0, …)} with a one-bit mask). The OS may move the thread there only at
     * its next scheduling point, which is immediate for a thread that is running.
     *
     * @param core a core number, as in {@code /sys/devices/system/cpu/cpuN}
     * @return {@code true} if the thread is now pinned; {@code false} if it is not: the core
     *     does not exist or is outside the process's allowed set (cgroup cpuset, {@code
     *     taskset}), or this is the unpinned fallback
     * @throws IllegalArgumentException if {@code core} is negative
     */
    boolean pin(int core);

    /**
     * The core the calling thread is running on at this instant (Linux {@code sched_getcpu}),
     * or {@link #UNKNOWN_CORE}. Unless the thread is pinned, the answer may be stale as soon as
     * it is returned.
     */
    int currentCore();

    /**
     * The OS thread id of the calling thread (Linux {@code gettid}), as shown by {@code top -H}
     * and {@code /proc/<pid>/task}; positive and distinct among live threads. {@link
     * #UNKNOWN_THREAD_ID} if it cannot be read. Constant for the thread's life, so callers may
     * cache it.
     */
    long osThreadId();

    /**
     * CPU time consumed so far by the calling thread, in nanoseconds (user plus system), or
     * {@link #UNKNOWN_CPU_TIME}. Monotonic for a given thread; comparable only with other
     * readings of the same thread.
     */
    long currentThreadCpuNanos();

    /**
     * Sets the calling thread's timer slack: how far Linux may delay the end of its timed
     * sleeps to batch timer wake-ups (prctl(2) {@code PR_SET_TIMERSLACK}; 50 µs for an
     * ordinary thread). A loop that polls a NIC ring by parking a few µs at a time would
     * otherwise sleep tens of µs each time.
     *
     * @param nanos the slack; 0 restores the thread's default
     * @return the slack in effect afterwards, read back ({@code PR_GET_TIMERSLACK}); 0 if it
     *     cannot be set here
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    default long timerSlack(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("timer slack must not be negative: " + nanos);
        }
        return 0;
    }

    /** Returned by {@link #setNice(int)} where nice values cannot be set (the unpinned fallback). */
    int NICE_UNSUPPORTED = -1;

    /**
     * Sets the calling thread's nice value, -20 (most CPU) to 19 (least). Linux keeps one per
     * thread, not per process: {@code setpriority(PRIO_PROCESS, 0, nice)} changes the calling
     * thread alone (setpriority(2), sched(7)). Under Linux's fair scheduler a lower value gives
     * the thread more weight, so a woken thread preempts a busy neighbour sooner. Lowering the
     * value needs {@code CAP_SYS_NICE} or an {@code RLIMIT_NICE} that allows it; raising it
     * never does.
     *
     * @return 0 if the thread now runs at {@code nice}; otherwise the C library's errno
     *     ({@code EACCES} 13 or {@code EPERM} 1 when not permitted), or
     *     {@link #NICE_UNSUPPORTED}
     * @throws IllegalArgumentException if {@code nice} is outside -20..19
     */
    default int setNice(int nice) {
        checkNice(nice);
        return NICE_UNSUPPORTED;
    }

    /**
     * Checks a nice value's range.
     *
     * @throws IllegalArgumentException naming the value if it is outside -20..19
     */
    static void checkNice(int nice) {
        if (nice < KernelSettings.MIN_THREAD_NICE || nice > KernelSettings.MAX_THREAD_NICE) {
            throw new IllegalArgumentException("nice must be in " + KernelSettings.MIN_THREAD_NICE + ".."
                    + KernelSettings.MAX_THREAD_NICE + ": " + nice);
        }
    }

    /**
     * One line for operators: which implementation this is and, for the fallback, why the
     * native one is unavailable.
     */
    String description();
}
