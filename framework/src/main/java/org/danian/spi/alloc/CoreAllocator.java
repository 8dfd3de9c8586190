package org.danian.spi.alloc;

import org.danian.spi.ProcView;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Decides which proc runs on which core; Caladan's {@code sched_ops}.
 *
 * <p><b>Threading.</b> Every method is called on the scheduler thread only, never
 * concurrently; an allocator needs no lock and must not block.
 *
 * <p><b>Acting.</b> An allocator changes nothing itself: it asks the kernel through
 * {@link AllocationContext#grant} and {@link AllocationContext#reclaim}. Core switches are
 * asynchronous: a reclaimed core reaches {@link #poll} as newly idle once its kthread has
 * actually left it.
 *
 * <p><b>Failure.</b> An allocator that throws is ejected like a faulty thread-pick policy:
 * the kernel logs the reason once and goes back to the last good allocator.
 *
 * <p><b>Cost.</b> {@link #poll} runs every loop iteration and {@link #congestion} every poll
 * interval for every proc: neither should allocate in the steady state.
 */
@ConsumerType
public interface CoreAllocator {

    /**
     * A proc starts (Caladan's {@code proc_attach}). The allocator reserves its guaranteed
     * cores or refuses it.
     *
     * <p>Called when a proc is created, and for each running proc after a swap to this
     * allocator. The kernel has not granted the proc any core yet (after a swap: the cores it
     * already holds stay with it).
     *
     * @param proc the new proc, whose spec the allocator may read
     * @return true to accept; false to refuse (for instance, its guarantee cannot be met),
     *     in which case the proc is not created and its creator gets an error
     */
    boolean attach(ProcView proc);

    /**
     * A proc ends (Caladan's {@code proc_detach}). Called after the proc's kthreads left all
     * cores, which the allocator has already seen as newly idle; it must forget the proc.
     */
    void detach(ProcView proc);

    /**
     * The slow pass measured a proc's queueing delay (Caladan's {@code notify_congested}).
     *
     * <p>Called once per poll interval (10 µs by default) for every attached proc, in
     * creation order, congested or not, so the allocator can also notice that a congestion
     * ended. The kernel already applied the congestion rule and the "skip one decision after
     * a grant" rule: {@code congested} is the verdict.
     *
     * @param proc the proc
     * @param congested true if the delay reached the proc's threshold, or a parked kthread
     *     has work
     * @param delayNanos the proc's queueing delay: the maximum over its kthreads of the age
     *     of the oldest queued task plus how long its ingress queue has been non-empty
     */
    void congestion(ProcView proc, boolean congested, long delayNanos);

    /**
     * Work arrived for a proc that holds no core (Caladan's {@code notify_core_needed}): a
     * packet or a task for a proc whose kthreads are all parked. The allocator should grant
     * it a core soon; it may wait for the next {@link #poll}.
     */
    void coreNeeded(ProcView proc);

    /**
     * One loop iteration (Caladan's {@code sched_poll}): hand out cores.
     *
     * @param nowNanos the kernel's clock ({@link System#nanoTime()} live; virtual time in the
     *     the deterministic test harness)
     * @param newlyIdle cores that became idle since the last call; valid only during this
     *     call
     */
    void poll(long nowNanos, CoreSet newlyIdle);
}
