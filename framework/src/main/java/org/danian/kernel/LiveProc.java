package org.danian.kernel;

import org.danian.spi.ProcView;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A running proc: its kthreads are platform threads that run only on cores the kernel's core
 * allocator grants, pinned there (Caladan's runtime, OSDI'20 §4.1). Created by
 * {@link SchedulerKernel#startProc}; implemented by the kernel.
 *
 * <p><b>Work.</b> Two entry points, both callable from any thread, concurrently, and from the
 * proc's own tasks:
 * <ul>
 *   <li>{@link #submit} queues a task on one kthread's run queue (the submitting kthread's own
 *       when a task of this proc submits). Its waiting time is the proc's task delay.
 *   <li>{@link #ingress} queues packet work on the proc's ingress queue, which all its
 *       kthreads serve after their own run queues (the kernel's packet path queues each received
 *       packet there the same way). How long the
 *       oldest packet has waited is the proc's ingress delay.
 * </ul>
 * The kernel's slow pass adds the two delays (the oldest task's age, maximum over kthreads,
 * plus the oldest packet's age) and compares the sum with the spec's threshold (Caladan's
 * congestion rule). Work for a proc that holds no core asks for one at once.
 *
 * <p><b>Tasks.</b> A task runs on one kthread, once. One that throws is counted
 * ({@link #failedCount()}) and the kthread carries on. A task that runs long must let its
 * kthread cede the core when asked: see {@link Cede}.
 *
 * <p><b>Close.</b> {@link #close()} stops accepting work, waits until everything accepted has
 * run, returns the proc's cores and ends its threads. Nothing accepted is lost.
 */
@ProviderType
public interface LiveProc extends AutoCloseable {

    /** The proc as policies see it; its id, spec and kthreads. Any thread. */
    ProcView view();

    /** The name from the proc's spec. Any thread. */
    String name();

    /**
     * Queues {@code task} to run on one of the proc's kthreads. Any thread; does not block
     * (the queue is unbounded; beyond 32 tasks per kthread it allocates a node per task).
     *
     * @throws IllegalArgumentException if {@code task} is null
     * @throws IllegalStateException naming the proc, once {@link #close()} has begun
     */
    void submit(Runnable task);

    /**
     * Queues packet work on the proc's ingress queue (the packet driver's entry point). Any
     * thread; does not block.
     *
     * @throws IllegalArgumentException if {@code packetWork} is null
     * @throws IllegalStateException naming the proc, once {@link #close()} has begun
     */
    void ingress(Runnable packetWork);

    /** Tasks and packets accepted so far, including continuations queued through {@link Cede}. */
    long acceptedCount();

    /** Tasks and packets that ran to the end (or threw) so far. */
    long completedCount();

    /** Tasks and packets that threw. */
    long failedCount();

    /**
     * Closes the proc: later submits throw; blocks the caller until every accepted task has
     * run and the proc's kthreads have parked, then detaches it from the kernel (its cores are
     * free for other procs) and ends its threads. Idempotent: a second call returns at once.
     * Must not be called from one of this proc's own tasks (it would wait for itself).
     *
     * @throws IllegalStateException if called from a task of this proc, or if the kernel
     *     stopped before the proc drained (what was queued then is not run)
     */
    @Override
    void close();
}
