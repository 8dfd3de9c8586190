package org.danian.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.danian.spi.CoreTopology;

/**
 * How the live engine runs: which core the scheduler thread owns, which cores it gives to
 * procs, how often it measures congestion, what it does when idle, how long a kthread spins
 * before parking, whether threads are pinned, which packet driver serves ports, and how slow a
 * thread pick may be before the kernel warns and then ejects its policy. Read when
 * the kernel starts; changing them takes effect at the next start.
 *
 * @param schedulerCore the core the scheduler thread is pinned to (Caladan's IOKernel core)
 * @param workerCores the cores granted to procs, ascending, distinct, without the scheduler
 *     core (unless the machine has a single core)
 * @param pollIntervalNanos the slow pass period: Caladan's {@code IOKERNEL_POLL_INTERVAL}, 10 µs
 * @param idleStrategy what the scheduler thread does after an iteration with nothing to do:
 *     {@value #IDLE_BLOCK} (a few polls, then a blocking wait in the packet driver or a short
 *     park; the default), {@value #IDLE_SPIN} (Caladan's busy poll) or {@value #IDLE_BACKOFF}
 *     (yields first, then parks)
 * @param kthreadSpinNanos how long a kthread polls for work before parking (Caladan's 2 µs)
 * @param pinThreads whether the scheduler thread and kthreads pin themselves to their cores:
 *     with {@code pinning} {@value #PIN_AUTO}, what the kernel decided when it started (false
 *     until then)
 * @param packetDriver the name of the packet driver service ports are opened on
 * @param pickBudgetNanos the slow-pick watchdog's budget: a thread pick slower than this (wall
 *     time) is counted and warned about, once per policy
 * @param pickBudgetStrikes how many consecutive picks over the budget eject the policy, as a
 *     contract breach
 * @param pinning how pinning is chosen: {@value #PIN_AUTO} (pin only where the worker cores
 *     are reserved for us, see {@code danian:status}), {@value #PIN_ALWAYS} or
 *     {@value #PIN_NEVER}
 * @param spinningKThreads how many kthreads of each proc keep polling their core instead of
 *     parking when out of work (Caladan's {@code runtime_spinning_kthreads}); 0, the default,
 *     lets every kthread park
 * @param threadNice the Linux nice value the scheduler thread and the kthreads set for
 *     themselves when they start, -20..19; 0 leaves them at the value they inherit. The
 *     default, {@value #DEFAULT_THREAD_NICE}, lets a woken scheduler thread or kthread preempt
 *     a busy co-tenant on its core sooner; lowering a nice value needs {@code CAP_SYS_NICE} or
 *     an {@code RLIMIT_NICE} that allows it, and where it is refused the threads keep their
 *     value and {@code danian:status} says why
 */
public record KernelSettings(int schedulerCore, List<Integer> workerCores, long pollIntervalNanos,
                             String idleStrategy, long kthreadSpinNanos, boolean pinThreads, String packetDriver,
                             String pinning, int spinningKThreads,
                             long pickBudgetNanos, int pickBudgetStrikes, int threadNice) {

    /** Caladan's {@code IOKERNEL_POLL_INTERVAL}: 10 µs. */
    public static final long DEFAULT_POLL_INTERVAL_NANOS = 10_000;
    /** Caladan's {@code RUNTIME_SCHED_MIN_POLL_US}: 2 µs. */
    public static final long DEFAULT_KTHREAD_SPIN_NANOS = 2_000;
    /** Busy polling: the scheduler thread never leaves its core. For dedicated testbed nodes. */
    public static final String IDLE_SPIN = "spin";
    /** Yield up to 1,100 times, then park or block in the driver. */
    public static final String IDLE_BACKOFF = "backoff";
    /** A few polls, then block in the driver or park: the default, for shared machines and CI. */
    public static final String IDLE_BLOCK = "block";
    /** Pin only where the worker cores are reserved (isolcpus, nohz_full, an exclusive cpuset). */
    public static final String PIN_AUTO = "auto";
    /** Always pin. */
    public static final String PIN_ALWAYS = "true";
    /** Never pin: Linux places the threads. */
    public static final String PIN_NEVER = "false";
    /** The packet driver embedded in the framework: the kernel's UDP sockets. */
    public static final String KERNEL_UDP_DRIVER = "kernel-udp";
    /**
     * 250 µs: about 80 times the slowest healthy pick measured, {@code caladan}'s O(n) scan of
     * 1024 idle kthreads on a miss (3.1 µs, docs/measurements.md), so that a pick still run by
     * the interpreter, or one the OS preempted, passes, while a picker that spins or blocks for
     * milliseconds does not.
     */
    public static final long DEFAULT_PICK_BUDGET_NANOS = 250_000;
    /**
     * 8 consecutive picks over the budget eject: one preemption of the scheduler thread makes a
     * single slow pick, not eight in a row.
     */
    public static final int DEFAULT_PICK_BUDGET_STRIKES = 8;
    /**
     * Nice -10: a thread at -10 has about 9.3 times the weight of one at 0 (Linux's
     * {@code sched_prio_to_weight} table), so the fair scheduler runs it first when it wakes on
     * a core a co-tenant keeps busy, without the starvation risk of a real-time class: a
     * thread that spins at -10 still leaves its neighbours a tenth of the core.
     */
    public static final int DEFAULT_THREAD_NICE = -10;
    /** Linux's lowest nice value (most CPU). */
    public static final int MIN_THREAD_NICE = -20;
    /** Linux's highest nice value (least CPU). */
    public static final int MAX_THREAD_NICE = 19;

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public KernelSettings {
        Objects.requireNonNull(workerCores, "workerCores");
        Objects.requireNonNull(pinning, "pinning");
        Objects.requireNonNull(idleStrategy, "idleStrategy");
        Objects.requireNonNull(packetDriver, "packetDriver");
        List<Integer> sorted = new ArrayList<>(workerCores);
        sorted.sort(null);
        workerCores = List.copyOf(sorted);
        if (schedulerCore < 0) {
            throw new IllegalArgumentException("schedulerCore must not be negative: " + schedulerCore);
        }
        if (workerCores.isEmpty()) {
            throw new IllegalArgumentException("workerCores is empty: at least one worker core is needed");
        }
        for (int i = 0; i < workerCores.size(); i++) {
            if (workerCores.get(i) < 0 || (i > 0 && workerCores.get(i).equals(workerCores.get(i - 1)))) {
                throw new IllegalArgumentException("workerCores has a negative or repeated core: " + workerCores);
            }
        }
        if (pollIntervalNanos < 1) {
            throw new IllegalArgumentException("pollIntervalNanos must be positive: " + pollIntervalNanos);
        }
        if (kthreadSpinNanos < 0) {
            throw new IllegalArgumentException("kthreadSpinNanos must not be negative: " + kthreadSpinNanos);
        }
        if (!idleStrategy.equals(IDLE_SPIN) && !idleStrategy.equals(IDLE_BACKOFF) && !idleStrategy.equals(IDLE_BLOCK)) {
            throw new IllegalArgumentException("idleStrategy must be " + IDLE_BLOCK + ", " + IDLE_SPIN + " or "
                    + IDLE_BACKOFF + ": '" + idleStrategy + "'");
        }
        if (!pinning.equals(PIN_AUTO) && !pinning.equals(PIN_ALWAYS) && !pinning.equals(PIN_NEVER)) {
            throw new IllegalArgumentException("pinThreads must be " + PIN_AUTO + ", " + PIN_ALWAYS + " or "
                    + PIN_NEVER + ": '" + pinning + "'");
        }
        if (pinning.equals(PIN_ALWAYS) != pinThreads && !pinning.equals(PIN_AUTO)) {
            throw new IllegalArgumentException("pinThreads " + pinThreads + " contradicts pinning '" + pinning + "'");
        }
        if (spinningKThreads < 0) {
            throw new IllegalArgumentException("spinningKThreads must not be negative: " + spinningKThreads);
        }
        if (packetDriver.isBlank()) {
            throw new IllegalArgumentException("packetDriver is blank: '" + packetDriver + "'");
        }
        if (pickBudgetNanos < 1) {
            throw new IllegalArgumentException("pickBudgetNanos must be positive: " + pickBudgetNanos);
        }
        if (pickBudgetStrikes < 1) {
            throw new IllegalArgumentException("pickBudgetStrikes must be positive: " + pickBudgetStrikes);
        }
        if (threadNice < MIN_THREAD_NICE || threadNice > MAX_THREAD_NICE) {
            throw new IllegalArgumentException("threadNice must be in " + MIN_THREAD_NICE + ".." + MAX_THREAD_NICE
                    + ": " + threadNice);
        }
    }

    /**
     * Settings as kernel API 2.1 had them: the threads keep the nice value they inherit.
     */
    public KernelSettings(int schedulerCore, List<Integer> workerCores, long pollIntervalNanos,
                          String idleStrategy, long kthreadSpinNanos, boolean pinThreads, String packetDriver,
                          String pinning, int spinningKThreads, long pickBudgetNanos, int pickBudgetStrikes) {
        this(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos, pinThreads, packetDriver,
                pinning, spinningKThreads, pickBudgetNanos, pickBudgetStrikes, 0);
    }

    /**
     * Settings as the first kernel API had them: pinning {@value #PIN_ALWAYS} or
     * {@value #PIN_NEVER} as {@code pinThreads} says, no spinning kthreads.
     */
    public KernelSettings(int schedulerCore, List<Integer> workerCores, long pollIntervalNanos, String idleStrategy,
                          long kthreadSpinNanos, boolean pinThreads, String packetDriver) {
        this(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos, pinThreads, packetDriver,
                pinThreads ? PIN_ALWAYS : PIN_NEVER, 0, DEFAULT_PICK_BUDGET_NANOS, DEFAULT_PICK_BUDGET_STRIKES, 0);
    }

    /** Settings with the slow-pick watchdog's defaults. */
    public KernelSettings(int schedulerCore, List<Integer> workerCores, long pollIntervalNanos, String idleStrategy,
                          long kthreadSpinNanos, boolean pinThreads, String packetDriver, String pinning,
                          int spinningKThreads) {
        this(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos, pinThreads, packetDriver,
                pinning, spinningKThreads, DEFAULT_PICK_BUDGET_NANOS, DEFAULT_PICK_BUDGET_STRIKES, 0);
    }

    /**
     * The defaults for {@code topology}: scheduler on core 0, every other core a worker (core 0
     * too on a one-core machine), 10 µs poll interval, {@code block}, 2 µs spin, pinning
     * {@code auto}, the kernel UDP driver, no spinning kthreads, nice {@value #DEFAULT_THREAD_NICE}.
     */
    public static KernelSettings defaults(CoreTopology topology) {
        return withCores(topology, 0, null);
    }

    /**
     * The defaults with the given scheduler core and worker cores.
     *
     * @param workers the worker cores, or null for every core but the scheduler's
     * @throws IllegalArgumentException if a core is outside the topology or a worker is the
     *     scheduler core on a machine with more than one core; the message names it
     */
    public static KernelSettings withCores(CoreTopology topology, int schedulerCore, List<Integer> workers) {
        int cores = topology.coreCount();
        if (schedulerCore < 0 || schedulerCore >= cores) {
            throw new IllegalArgumentException("schedulerCore " + schedulerCore + " is not a core of this machine (0.."
                    + (cores - 1) + ")");
        }
        List<Integer> chosen = workers;
        if (chosen == null) {
            chosen = new ArrayList<>();
            for (int core = 0; core < cores; core++) {
                if (core != schedulerCore || cores == 1) {
                    chosen.add(core);
                }
            }
        }
        for (int core : chosen) {
            if (core < 0 || core >= cores || (core == schedulerCore && cores > 1)) {
                throw new IllegalArgumentException("worker core " + core + " is not a core other than the scheduler's ("
                        + schedulerCore + ") in 0.." + (cores - 1));
            }
        }
        return new KernelSettings(schedulerCore, chosen, DEFAULT_POLL_INTERVAL_NANOS, IDLE_BLOCK,
                DEFAULT_KTHREAD_SPIN_NANOS, false, KERNEL_UDP_DRIVER, PIN_AUTO, 0,
                DEFAULT_PICK_BUDGET_NANOS, DEFAULT_PICK_BUDGET_STRIKES, DEFAULT_THREAD_NICE);
    }

    /** A copy with another idle strategy. */
    public KernelSettings withIdleStrategy(String name) {
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, name, kthreadSpinNanos, pinThreads,
                packetDriver, pinning, spinningKThreads, pickBudgetNanos, pickBudgetStrikes, threadNice);
    }

    /** A copy with another poll interval. */
    public KernelSettings withPollInterval(long nanos) {
        return new KernelSettings(schedulerCore, workerCores, nanos, idleStrategy, kthreadSpinNanos, pinThreads,
                packetDriver, pinning, spinningKThreads, pickBudgetNanos, pickBudgetStrikes, threadNice);
    }

    /** A copy with another kthread spin before parking. */
    public KernelSettings withKThreadSpin(long nanos) {
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, nanos, pinThreads,
                packetDriver, pinning, spinningKThreads, pickBudgetNanos, pickBudgetStrikes, threadNice);
    }

    /** A copy with pinning always on ({@value #PIN_ALWAYS}) or off ({@value #PIN_NEVER}). */
    public KernelSettings withPinning(boolean on) {
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos, on,
                packetDriver, on ? PIN_ALWAYS : PIN_NEVER, spinningKThreads, pickBudgetNanos, pickBudgetStrikes,
                threadNice);
    }

    /**
     * A copy with pinning chosen as {@code mode} says: {@value #PIN_AUTO}, {@value #PIN_ALWAYS}
     * or {@value #PIN_NEVER} (case-insensitive, surrounding blanks ignored); with auto, not
     * pinned until the kernel decides at start.
     *
     * @throws IllegalArgumentException naming the mode if it is none of the three
     */
    public KernelSettings withPinning(String mode) {
        String chosen = mode == null ? "" : mode.trim().toLowerCase(java.util.Locale.ROOT);
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos,
                chosen.equals(PIN_ALWAYS), packetDriver, chosen, spinningKThreads, pickBudgetNanos, pickBudgetStrikes,
                threadNice);
    }

    /** A copy with {@value #PIN_AUTO} pinning decided: the threads pin themselves, or not. */
    public KernelSettings withAutoPinningDecided(boolean pin) {
        if (!pinning.equals(PIN_AUTO)) {
            throw new IllegalStateException("pinning is '" + pinning + "', not " + PIN_AUTO + ": nothing to decide");
        }
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos, pin,
                packetDriver, pinning, spinningKThreads, pickBudgetNanos, pickBudgetStrikes, threadNice);
    }

    /** A copy with another packet driver. */
    public KernelSettings withPacketDriver(String name) {
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos,
                pinThreads, name, pinning, spinningKThreads, pickBudgetNanos, pickBudgetStrikes, threadNice);
    }

    /** A copy with another slow-pick watchdog budget and strike count. */
    public KernelSettings withPickBudget(long nanos, int strikes) {
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos,
                pinThreads, packetDriver, pinning, spinningKThreads, nanos, strikes, threadNice);
    }

    /** A copy with another number of spinning kthreads per proc. */
    public KernelSettings withSpinningKThreads(int count) {
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos,
                pinThreads, packetDriver, pinning, count, pickBudgetNanos, pickBudgetStrikes, threadNice);
    }

    /**
     * A copy whose threads set another nice value.
     *
     * @throws IllegalArgumentException naming the value if it is outside -20..19
     */
    public KernelSettings withThreadNice(int nice) {
        return new KernelSettings(schedulerCore, workerCores, pollIntervalNanos, idleStrategy, kthreadSpinNanos,
                pinThreads, packetDriver, pinning, spinningKThreads, pickBudgetNanos, pickBudgetStrikes, nice);
    }
}
