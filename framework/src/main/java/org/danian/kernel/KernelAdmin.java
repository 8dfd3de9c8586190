package org.danian.kernel;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The scheduler kernel as operators and tools use it: which policies are installed, hot swaps
 * of the thread-pick and the core-allocation policy, and the kernel's status, settings and
 * metrics as data. The {@code danian:*} shell commands are written on this interface, and so
 * is anything that automates them. Workloads use the other face, {@link SchedulerKernel}.
 *
 * <p><b>Policy slots.</b> The kernel holds one active policy per {@link PolicyKind} (its
 * <em>slot</em>) and one <em>configured</em> name per kind, the configuration property
 * {@link PolicyKind#configurationProperty()} of PID {@value #CONFIGURATION_PID}. When the
 * configured policy is installed and was not ejected, it is active; otherwise the slot climbs
 * a ladder: the last good policy of that kind still installed, else the kind's
 * {@link PolicyKind#referencePolicy() reference policy}, else none (thread pick: the kernel
 * serves grants with its built-in least-recently-parked rule; core allocation: a proc with
 * work queued and no core gets one idle core, never by preemption, so that accepted work still
 * runs; {@link KernelStatus#warnings()} says so).
 *
 * <p><b>Failsafe.</b> A policy that breaks its contract (throws, returns a kthread that is not
 * idle or not its proc's, returns none while some are idle, reports a wrong idle count) is
 * ejected: the kernel logs the reason once, records a {@link PolicyEvent}, counts it, and
 * climbs the ladder. The call that revealed the fault is still served by the fallback.
 *
 * <p><b>Threading.</b> As {@link SchedulerKernel}: any thread but the scheduler thread; every
 * call is carried out on the scheduler thread between two loop iterations, and returns a
 * consistent answer. After the kernel has stopped, every method throws
 * {@link IllegalStateException}.
 */
@ProviderType
public interface KernelAdmin {

    /** The ConfigAdmin PID of the kernel's configuration. */
    String CONFIGURATION_PID = "org.danian.kernel";

    /**
     * Every policy service the kernel knows of, thread-pick policies first, each kind sorted
     * by name.
     */
    List<PolicyInfo> policies();

    /**
     * Hot-swaps the policy of one kind (docs/architecture.md, "One hot swap"), on the scheduler thread between two
     * iterations. For thread pick, the named policy builds a picker for every live proc and
     * each proc's idle set is replayed into it in park order; for core allocation, the named
     * policy builds an allocator and every live proc is attached to it in creation order, the
     * cores keeping their owners. Only when everything is built does the kernel switch. If
     * anything throws or refuses, the swap is abandoned and the current policy stays; this is
     * counted and the reason recorded in a {@link PolicyEvent}.
     *
     * <p>The named policy becomes the kind's target until the configuration changes: if its
     * service later goes away, the ladder applies, and if it comes back, it is activated again.
     * This call does not persist the choice; the shell commands {@code danian:policy} and
     * {@code danian:allocator} do, by updating the configuration. An explicit swap to an
     * ejected policy is allowed (the operator asked for it) and clears its ejection.
     *
     * @param kind which slot
     * @param name the name of an installed policy of that kind
     * @return what happened; never null; {@link SwapResult#pauseNanos()} is the pause the swap
     *     imposed on the scheduler loop
     * @throws IllegalArgumentException if no policy of that kind has that name; the message
     *     lists the valid names
     */
    SwapResult swap(PolicyKind kind, String name);

    /**
     * A consistent snapshot of settings, procs, kthreads, policy slots, the packet driver,
     * recent policy events and warnings.
     */
    KernelStatus status();

    /**
     * The recent policy events, oldest first: those of {@link #status()}, without the rest of
     * it. For tools that watch for ejections: a status also reads the packet driver's counters
     * (on the kernel UDP driver, Linux's whole UDP socket table), which costs the machine
     * hundreds of microseconds of CPU each time, while this takes the scheduler thread
     * microseconds between two iterations.
     *
     * @since 2.1
     */
    default List<PolicyEvent> events() {
        return status().events();
    }

    /**
     * The kernel's counters and latency distributions, global and per proc. Each number is
     * exact as of the moment it was read; numbers are read one after another while the
     * scheduler runs (see {@link MetricsSnapshot}). Does not block the scheduler thread.
     */
    MetricsSnapshot metrics();
}
