package org.danian.spi.alloc;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a {@link CoreAllocator} can see and do; implemented by the kernel.
 *
 * <p>Every method must be called on the scheduler thread, from inside an allocator callback.
 * Queries allocate nothing.
 */
@ProviderType
public interface AllocationContext {

    /** All cores of the machine and their siblings. */
    CoreTopology topology();

    /** The cores the kernel may give to procs (the scheduler's own core is never one). */
    CoreSet schedulableCores();

    /**
     * The proc that owns {@code core} now: the one running on it, or the one it is being
     * switched to; {@code null} if the core is idle or not schedulable.
     */
    ProcView owner(int core);

    /** Number of cores {@code proc} owns now, in the sense of {@link #owner}. */
    int coresHeld(ProcView proc);

    /** Whether {@code proc} has at least one idle kthread, so that a grant can succeed. */
    boolean hasIdleKThread(ProcView proc);

    /** Whether {@code kthread} is in its proc's idle set. */
    boolean isIdle(KThreadView kthread);

    /**
     * Runs {@code proc} on {@code core} (Caladan's {@code sched_run_on_core}): the proc's
     * thread picker chooses an idle kthread, and the kernel wakes it there. If another proc
     * owns the core, that proc's kthread is asked to cede first, and the chosen kthread runs
     * once it has. The proc is then skipped for one congestion decision.
     *
     * @return true if the grant was issued; false, changing nothing, if the core is not
     *     schedulable, already owned by {@code proc}, or {@code proc} has no idle kthread or
     *     holds its maximum number of cores
     */
    boolean grant(int core, ProcView proc);

    /**
     * Asks the owner of {@code core} to give it back (cooperative cede). The core reaches
     * {@link CoreAllocator#poll} as newly idle once the kthread has left.
     *
     * @return true if a request was sent; false if the core was idle or already being
     *     reclaimed
     */
    boolean reclaim(int core);
}
