package org.danian.framework.engine;

import org.danian.framework.settings.KernelSettingsReader;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The kernel's configuration, ConfigAdmin PID {@value KernelAdmin#CONFIGURATION_PID}
 * (OSGi Compendium R8 §104 Configuration Admin, §105 Metatype). {@code danian:policy <name>}
 * and {@code danian:allocator <name>} update {@link #threadPick()} and {@link #coreAllocation()}
 * so that the choice survives a restart. The attribute names are the properties
 * {@link org.danian.kernel.PolicyKind#configurationProperty()} names and the fields of
 * {@link KernelSettings}. The kernel reads the properties with {@link KernelSettingsReader};
 * the ranges declared here ({@code min}, {@code max}, {@code options}) are its ranges, taken
 * from the same constants.
 */
@ObjectClassDefinition(id = KernelAdmin.CONFIGURATION_PID, name = "Danian scheduler kernel",
        description = "Which scheduling policies the kernel runs.")
@interface KernelConfig {

    /** Default thread-pick policy: O(1), and exactly Caladan's decisions. */
    String DEFAULT_THREAD_PICK = "danian-exact";

    /** Default core-allocation policy: Caladan's simple.c. */
    String DEFAULT_CORE_ALLOCATION = "simple";

    @AttributeDefinition(name = "Thread-pick policy",
            description = "Name of the thread-pick policy (danian.policy.name) that chooses which idle"
                    + " kthread runs on a granted core. If it is not installed, the kernel runs the last"
                    + " good policy, else caladan, and switches when it appears.")
    String threadPick() default DEFAULT_THREAD_PICK;

    @AttributeDefinition(name = "Core-allocation policy",
            description = "Name of the core-allocation policy (danian.allocation.name) that decides which"
                    + " proc gets which core. If it is not installed, the kernel runs the last good policy, else"
                    + " simple, and switches when it appears.")
    String coreAllocation() default DEFAULT_CORE_ALLOCATION;

    // The engine's settings below are read when the kernel starts; changing them takes effect
    // at the next start of the framework bundle (the scheduler thread and the kthreads are
    // pinned and sized once). The packet driver, last, is the exception: it changes live.

    @AttributeDefinition(name = "Scheduler core",
            description = "The core the scheduler thread is pinned to (Caladan's IOKernel core), 0..cores-1."
                    + " Read at start.", min = "0")
    int schedulerCore() default 0;

    @AttributeDefinition(name = "Worker cores",
            description = "Comma-separated cores granted to procs; empty means every core but the scheduler's."
                    + " Read at start.")
    String workerCores() default "";

    @AttributeDefinition(name = "Poll interval (µs)",
            description = "How often the scheduler measures each proc's queueing delay (Caladan: 10 µs). Read at start.",
            min = "" + KernelSettingsReader.MIN_POLL_MICROS, max = "" + KernelSettingsReader.MAX_POLL_MICROS)
    long pollIntervalMicros() default 10;

    @AttributeDefinition(name = "Idle strategy",
            description = "What the scheduler thread does when idle: 'block' (a few polls, then a blocking wait"
                    + " in the packet driver, or a short park while a core is granted; never yields its core to"
                    + " co-tenants; the default), 'spin' (Caladan's busy poll, for dedicated testbed nodes) or"
                    + " 'backoff' (yields up to 1,100 times, then parks). Read at start.",
            options = {@Option(label = "block", value = KernelSettings.IDLE_BLOCK),
                @Option(label = "spin", value = KernelSettings.IDLE_SPIN),
                @Option(label = "backoff", value = KernelSettings.IDLE_BACKOFF)})
    String idleStrategy() default KernelSettings.IDLE_BLOCK;

    @AttributeDefinition(name = "Pin threads",
            description = "Whether the scheduler thread and kthreads pin themselves to their cores: 'auto' (only"
                    + " where the worker cores are reserved: isolcpus, nohz_full or an exclusive cpuset; otherwise"
                    + " Linux places them; the default), 'true' or 'false'. danian:status shows the decision and"
                    + " why. Read at start.")
    String pinThreads() default KernelSettings.PIN_AUTO;

    @AttributeDefinition(name = "Spinning kthreads",
            description = "How many kthreads of each proc keep polling their core instead of parking when out of"
                    + " work (Caladan's runtime_spinning_kthreads): no wake-up per request, a core busy for good."
                    + " 0, the default, lets every kthread park. Read at start.")
    int spinningKThreads() default 0;

    @AttributeDefinition(name = "Kthread spin (ns)",
            description = "How long a kthread polls for work before it parks and gives its core back (Caladan:"
                    + " 2 µs). Read at start.", min = "0", max = "" + KernelSettingsReader.MAX_KTHREAD_SPIN_NANOS)
    long kthreadSpinNanos() default KernelSettings.DEFAULT_KTHREAD_SPIN_NANOS;

    @AttributeDefinition(name = "Packet driver",
            description = "Name of the packet driver service (danian.driver.name) that ports are opened on:"
                    + " kernel-udp (the kernel's UDP sockets, embedded) or an installed driver bundle's, such as"
                    + " dpdk. Changing it while the kernel runs moves the open ports to the named driver (closed"
                    + " on the old one, opened again with the same numbers once the new one is installed).")
    String packetDriver() default KernelSettings.KERNEL_UDP_DRIVER;

    @AttributeDefinition(name = "Pick budget (µs)",
            description = "The slow-pick watchdog: a thread pick slower than this is counted and warned about once"
                    + " per policy. Read at start.")
    long pickBudgetMicros() default KernelSettings.DEFAULT_PICK_BUDGET_NANOS / 1_000;

    @AttributeDefinition(name = "Pick budget strikes",
            description = "How many consecutive picks over the budget eject the policy, as a contract breach (the"
                    + " kernel falls back to the last good policy). Read at start.")
    int pickBudgetStrikes() default KernelSettings.DEFAULT_PICK_BUDGET_STRIKES;

    @AttributeDefinition(name = "Thread nice value",
            description = "The Linux nice value the scheduler thread and the kthreads set for themselves, -20..19"
                    + " (lower runs first when a woken thread finds its core busy). 0 leaves them at the value they"
                    + " inherit. Lowering it needs CAP_SYS_NICE or RLIMIT_NICE (systemd: LimitNICE=); where it is"
                    + " refused the threads keep their value and danian:status says why. Read at start.",
            min = "" + KernelSettingsReader.MIN_THREAD_NICE, max = "" + KernelSettingsReader.MAX_THREAD_NICE)
    int threadNice() default KernelSettings.DEFAULT_THREAD_NICE;
}
