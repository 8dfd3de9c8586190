package org.danian.framework.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One kthread's run queue: a 32-slot ring (Caladan's {@code RUNTIME_RQ_SIZE}) in front of an
 * unbounded overflow, FIFO overall, with work stealing and the delay signal the scheduler
 * reads (age of the oldest queued task, Caladan OSDI'20 §4.1).
 *
 * <h2>Who calls what</h2>
 * <ul>
 *   <li>Any thread submits: {@link #offer(Runnable, long)}.
 *   <li>The owner kthread takes its next task ({@link #poll()}), puts a ceded task back at the
 *       head ({@link #offerFirst(Runnable, long)}), and steals for itself from another
 *       kthread's queue ({@link #stealFrom(TaskQueue)}: half the difference of the two
 *       lengths, oldest first, as Caladan's runtime does).
 *   <li>The scheduler thread reads {@link #size()} and {@link #oldestEnqueueNanos()} without
 *       taking the lock: it never waits for a runtime thread.
 * </ul>
 *
 * <h2>Design and memory ordering</h2>
 * All mutation happens under a small test-and-set {@link SpinLock} around a sequential
 * {@link TaskRing}; each critical section sees the previous one's writes. The sections are a
 * few array stores, and the lock is contended only when a submitter or a thief meets the
 * owner; Caladan also serialises steals with a per-kthread spinlock. A lock-free work-stealing
 * deque (Chase–Lev) admits a single producer and steals one task per compare-and-set, so it
 * would need a second, multi-producer inbox and a loop per batch: more states to get right for
 * a queue whose common case is uncontended.
 * The size and the oldest enqueue time are republished with release stores at the end of
 * each section and read with acquire loads; counters are written under the lock and read
 * opaquely (each is exact, a set of them is not a snapshot).
 *
 * <p>Allocation-free except when a task goes to the overflow (one small record per task;
 * the ring was full, so the kthread is already far behind).
 */
public final class TaskQueue {

    /** Ring slots, Caladan's {@code RUNTIME_RQ_SIZE}. */
    public static final int RING_CAPACITY = TaskRing.CAPACITY;
    /** {@link #oldestEnqueueNanos()} when the queue is empty. */
    public static final long EMPTY = Long.MAX_VALUE;
    /** Most tasks one steal moves: half a ring, so a steal is short and bounded. */
    public static final int MAX_STEAL = RING_CAPACITY / 2;

    private static final VarHandle SIZE;
    private static final VarHandle OLDEST;
    private static final VarHandle COUNTERS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int ENQUEUED = 0;
    private static final int POLLED = 1;
    private static final int OVERFLOWED = 2;
    private static final int STOLEN_IN = 3;
    private static final int STOLEN_OUT = 4;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SIZE = lookup.findVarHandle(TaskQueue.class, "size", int.class);
            OLDEST = lookup.findVarHandle(TaskQueue.class, "oldest", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final TaskRing ring = new TaskRing();
    private final SpinLock lock = new SpinLock();
    private final long[] counters = new long[5];
    /** The owner's staging area for a steal, between dropping the victim's lock and taking ours. */
    private final Runnable[] stolenTasks = new Runnable[MAX_STEAL];
    private final long[] stolenAt = new long[MAX_STEAL];
    @SuppressWarnings("unused") // through SIZE
    private int size;
    @SuppressWarnings("unused") // through OLDEST
    private long oldest = EMPTY;

    /** Any thread: queues {@code task} at the tail, stamped with {@code System.nanoTime()}. */
    public void offer(Runnable task) {
        offer(task, System.nanoTime());
    }

    /**
     * Any thread: queues {@code task} at the tail, enqueued at {@code nowNanos} (the caller's
     * {@code System.nanoTime()}, or a test clock).
     *
     * @throws IllegalArgumentException if {@code task} is null
     */
    public void offer(Runnable task, long nowNanos) {
        requireTask(task);
        lock.lock();
        try {
            if (ring.pushBack(task, nowNanos)) {
                bump(OVERFLOWED, 1);
            }
            bump(ENQUEUED, 1);
            publish();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Owner: puts {@code task} back at the head, as a cede does (Caladan: a preempted task
     * runs next when its kthread resumes). Not counted as an enqueue.
     *
     * @throws IllegalArgumentException if {@code task} is null
     */
    public void offerFirst(Runnable task, long nowNanos) {
        requireTask(task);
        lock.lock();
        try {
            ring.pushFront(task, nowNanos);
            publish();
        } finally {
            lock.unlock();
        }
    }

    /** Owner: the oldest task, removed, or {@code null} if the queue is empty. */
    public Runnable poll() {
        if ((int) SIZE.getAcquire(this) == 0) {
            return null; // idle polling stays off the lock
        }
        lock.lock();
        try {
            if (ring.isEmpty()) {
                return null;
            }
            Runnable task = ring.removeFirst();
            bump(POLLED, 1);
            publish();
            return task;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Owner: moves up to half the difference between {@code victim}'s length and this queue's
     * (rounded up, at most {@link #MAX_STEAL}) from the victim's head to this queue's head,
     * keeping their enqueue times. Only this queue's owner may call it: the staging buffers are
     * its own.
     *
     * @return the number of tasks moved, 0 if the victim was not longer than this queue
     * @throws IllegalArgumentException if {@code victim} is this queue
     */
    public int stealFrom(TaskQueue victim) {
        if (victim == this) {
            throw new IllegalArgumentException("a queue cannot steal from itself: " + this);
        }
        int wanted = ((int) SIZE.getAcquire(victim) - (int) SIZE.getAcquire(this) + 1) / 2;
        if (wanted <= 0) {
            return 0;
        }
        int taken = victim.handOver(Math.min(wanted, MAX_STEAL), stolenTasks, stolenAt);
        if (taken == 0) {
            return 0;
        }
        lock.lock();
        try {
            for (int i = taken - 1; i >= 0; i--) {
                ring.pushFront(stolenTasks[i], stolenAt[i]);
                stolenTasks[i] = null;
            }
            bump(STOLEN_IN, taken);
            publish();
        } finally {
            lock.unlock();
        }
        return taken;
    }

    /** Victim side of a steal: removes up to {@code count} oldest tasks into the thief's buffers. */
    private int handOver(int count, Runnable[] tasks, long[] times) {
        lock.lock();
        try {
            int taken = Math.min(count, ring.size());
            for (int i = 0; i < taken; i++) {
                times[i] = ring.headEnqueuedAt();
                tasks[i] = ring.removeFirst();
            }
            bump(STOLEN_OUT, taken);
            publish();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Tasks queued now (ring plus overflow); exact when read by the only thread touching the queue. */
    public int size() {
        return (int) SIZE.getAcquire(this);
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /**
     * When the task at the head was enqueued ({@code System.nanoTime()} scale), or {@link
     * #EMPTY}. Lock-free, for the scheduler's delay signal. Submitted tasks arrive in time
     * order, so this is the oldest queued task's time; stolen tasks go to the head, which is
     * exact when the thief steals on running out of work (the runtime's rule) and otherwise
     * reports the stolen tasks' age.
     */
    public long oldestEnqueueNanos() {
        return (long) OLDEST.getAcquire(this);
    }

    /** Age of the oldest queued task at {@code nowNanos}, 0 if the queue is empty. */
    public long delayNanos(long nowNanos) {
        long since = oldestEnqueueNanos();
        return since == EMPTY ? 0 : Math.max(0, nowNanos - since);
    }

    /** Tasks offered here by {@link #offer}. */
    public long enqueuedCount() {
        return counter(ENQUEUED);
    }

    /** Tasks the owner took with {@link #poll()}. */
    public long polledCount() {
        return counter(POLLED);
    }

    /** Offers that found the ring full and went to the overflow. */
    public long overflowCount() {
        return counter(OVERFLOWED);
    }

    /** Tasks this queue's owner stole from others. */
    public long stolenInCount() {
        return counter(STOLEN_IN);
    }

    /** Tasks other kthreads stole from this queue. */
    public long stolenOutCount() {
        return counter(STOLEN_OUT);
    }

    private void publish() {
        SIZE.setRelease(this, ring.size());
        OLDEST.setRelease(this, ring.isEmpty() ? EMPTY : ring.headEnqueuedAt());
    }

    private void bump(int counter, long by) {
        COUNTERS.setOpaque(counters, counter, (long) COUNTERS.getOpaque(counters, counter) + by);
    }

    private long counter(int counter) {
        return (long) COUNTERS.getOpaque(counters, counter);
    }

    private static void requireTask(Runnable task) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
    }

    @Override
    public String toString() {
        return "TaskQueue[size=" + size() + ", enqueued=" + enqueuedCount() + ", polled=" + polledCount() + "]";
    }
}
