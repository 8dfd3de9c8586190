package org.danian.spi.pick;

import org.danian.spi.KThreadView;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The idle set of one proc, and the choice of which idle kthread runs on a granted core.
 *
 * <p><b>Threading.</b> Every method is called on the scheduler thread only, never
 * concurrently. An implementation needs no lock, and must not block, sleep, or call back into
 * the kernel.
 *
 * <p><b>What the kernel guarantees.</b> Every kthread passed in belongs to this picker's proc.
 * {@link #parked} is called only for a kthread that is not in the idle set; {@link #removed}
 * only for one that is. A kthread returned by {@link #pick} is, from then on, not idle until
 * the kernel calls {@link #parked} for it again. The idle set is therefore exactly: the
 * kthreads parked and neither picked nor removed since.
 *
 * <p><b>What the picker must do.</b> Keep that set exactly; return from {@link #pick} one of
 * its members, and one whenever it is not empty. A picker that throws, returns a kthread that
 * is not idle or not the proc's, or returns none while some are idle, breaks the contract:
 * the kernel ejects its policy, logs the reason once, and goes back to the last good policy.
 *
 * <p><b>Cost.</b> {@link #parked} and {@link #pick} are on the hot path of every core grant:
 * they should not allocate in the steady state, and their complexity belongs in the policy's
 * header comment (the paper's Table 2 compares exactly these).
 */
@ConsumerType
public interface ThreadPicker {

    /**
     * A kthread of this proc parked and joined the idle set (Caladan pushes it at the head of
     * {@code idle_threads}).
     *
     * <p>Called after the kthread gave up its core, and during a swap's replay (in park
     * order). {@code kthread.lastCore()} equals {@code core}.
     *
     * @param kthread the kthread that parked; not currently idle
     * @param core the core it left, or {@link KThreadView#NO_CORE} if it never ran (the
     *     initial idle set of a new proc)
     */
    void parked(KThreadView kthread, int core);

    /**
     * Chooses an idle kthread to run on {@code core} and removes it from the idle set.
     *
     * <p>Called when a core-allocation decision grants {@code core} to this proc (Caladan's
     * {@code sched_run_on_core}). The kernel then wakes the chosen kthread on {@code core}
     * and, from that moment, its {@code lastCore()} is {@code core}. The choice is the
     * policy's: locality (a kthread that last ran on this core or its sibling keeps a warm
     * cache), fairness, or anything else.
     *
     * @param core the granted core, in {@code [0, coreCount)}
     * @return an idle kthread of this proc, now removed from the idle set; {@code null} only
     *     when the idle set is empty
     */
    KThreadView pick(int core);

    /**
     * A kthread left the idle set without being picked: its proc detached, it exited, or the
     * kernel moved it elsewhere. The picker must forget it.
     *
     * @param kthread a kthread currently in the idle set
     */
    void removed(KThreadView kthread);

    /** Number of kthreads in the idle set; the kernel checks it against its own count. */
    int idleCount();
}
