package org.danian.framework.runtime;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime of one proc (Caladan's runtime, OSDI'20 §4.1): its kthreads, the ingress queue
 * for packets, and the two ways work comes in.
 *
 * <ul>
 *   <li>{@link #submit(Runnable)} (any thread) queues a task on a kthread's run queue: the
 *       calling kthread's own when a task of this proc spawns work, else the kthread that
 *       started running most recently (the likeliest to be on a core). Its delay signal is the
 *       age of the oldest queued task of each kthread.
 *   <li>{@link #ingress(Runnable)} (any thread; the packet driver) queues packet work on the
 *       proc's one ingress queue, which every kthread of the proc serves after its own run
 *       queue. Its delay signal is the age of the oldest queued packet, that is, how long the
 *       ingress queue has been non-empty without that packet being taken.
 * </ul>
 * Either way, if no kthread of the proc is running, the scheduler is told that the proc needs
 * a core (Caladan's {@code notify_core_needed}).
 *
 * <p><b>Memory ordering.</b> Counts of accepted work, running kthreads and the core-needed
 * flag are atomics. A submitter fences between its offer and its read of the running count,
 * and a kthread fences between its decrement and its last look for work, so work offered
 * while the last kthread parks is never left without a core request.
 */
public final class ProcRuntime {

    private final String name;
    private final RuntimeContext context;
    private final TaskQueue ingress = new TaskQueue();
    private final KThreadRunner[] runners;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicBoolean coreNeeded = new AtomicBoolean();
    private final AtomicLong accepted = new AtomicLong();
    private final CpuTimeSink cpuTime;
    private volatile boolean closing;
    private volatile int hint;

    /**
     * Creates the runners (not started) of a proc.
     *
     * @param name the proc's name, for thread names and messages
     * @param kthreads number of kthreads, at least 1
     * @param context the kernel's shared runtime state
     * @param seed seeds each kthread's steal order (seed + kthread id), for reproducible runs
     * @param cpuTime where kthreads report their CPU time each time they leave a core
     */
    public ProcRuntime(String name, int kthreads, RuntimeContext context, long seed, CpuTimeSink cpuTime) {
        this.name = name;
        this.context = context;
        this.cpuTime = cpuTime;
        this.runners = new KThreadRunner[kthreads];
        for (int id = 0; id < kthreads; id++) {
            runners[id] = new KThreadRunner(this, id, context, seed + id);
        }
    }

    public String name() {
        return name;
    }

    public int kthreadCount() {
        return runners.length;
    }

    public KThreadRunner runner(int id) {
        return runners[id];
    }

    /** The run queue of kthread {@code id}. */
    public TaskQueue queue(int id) {
        return runners[id].queue();
    }

    /** The proc's ingress (packet) queue. */
    public TaskQueue ingress() {
        return ingress;
    }

    /** Starts every kthread's thread; each parks until woken for a core. */
    public void start() {
        for (KThreadRunner runner : runners) {
            runner.start();
        }
    }

    /**
     * Stops every kthread at its next task boundary and waits for the threads, at most
     * {@code joinMillis} each (a task that never returns cannot be stopped in Java).
     *
     * @return whether every thread ended
     */
    public boolean stop(long joinMillis) {
        for (KThreadRunner runner : runners) {
            runner.stopRunning();
        }
        boolean ended = true;
        boolean interrupted = false;
        for (KThreadRunner runner : runners) {
            try {
                if (runner.getState() != Thread.State.NEW) {
                    runner.join(joinMillis);
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
            ended &= !runner.isAlive();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ended;
    }

    /**
     * Any thread: queues a task on a kthread of this proc.
     *
     * @throws IllegalArgumentException if {@code task} is null
     * @throws IllegalStateException naming the proc, once it is closing
     */
    public void submit(Runnable task) {
        requireTask(task);
        admit();
        KThreadRunner local = KThreadRunner.current();
        TaskQueue target = local != null && local.proc() == this ? local.queue() : runners[hint].queue();
        target.offer(task);
        afterOffer();
    }

    /**
     * Any thread: queues packet work on the proc's ingress queue.
     *
     * @throws IllegalArgumentException if {@code packetWork} is null
     * @throws IllegalStateException naming the proc, once it is closing
     */
    public void ingress(Runnable packetWork) {
        requireTask(packetWork);
        admit();
        ingress.offer(packetWork);
        afterOffer();
    }

    /**
     * Any thread: queues packet work on the ingress queue, or returns {@code false} without
     * queueing once the proc is closing. The packet driver's path: a refusal is an expected
     * outcome there (counted as a drop), so it must not cost an exception.
     *
     * @throws IllegalArgumentException if {@code packetWork} is null
     */
    public boolean tryIngress(Runnable packetWork) {
        return tryIngress(packetWork, System.nanoTime());
    }

    /**
     * As {@link #tryIngress(Runnable)}, stamped at {@code nowNanos} rather than
     * {@code System.nanoTime()}: the simulator's path, whose clock is virtual.
     *
     * @throws IllegalArgumentException if {@code packetWork} is null
     */
    public boolean tryIngress(Runnable packetWork, long nowNanos) {
        requireTask(packetWork);
        accepted.incrementAndGet(); // as in admit(): counted before the check, so a closer waits for it
        if (closing) {
            accepted.decrementAndGet();
            return false;
        }
        ingress.offer(packetWork, nowNanos);
        afterOffer();
        return true;
    }

    private void admit() {
        accepted.incrementAndGet(); // before the check: a closer that saw no closing flag counts us
        if (closing) {
            accepted.decrementAndGet();
            throw new IllegalStateException("proc '" + name + "' is closed: it accepts no more work");
        }
    }

    private void afterOffer() {
        context.breakLinger(this); // a kthread waiting in the driver for other work must give way
        VarHandle.fullFence();
        if (running.get() != 0) {
            context.wakeBlockedScheduler(); // queued behind a running kthread: congestion to judge
        } else if (!coreNeeded.get() && coreNeeded.compareAndSet(false, true)) {
            context.raiseCoreNeeded();
        }
    }

    /** A continuation of an accepted task ({@code Cede}); accepted even while closing. */
    void acceptContinuation() {
        accepted.incrementAndGet();
    }

    /** Scheduler thread: whether work arrived while no kthread ran; clears the flag. */
    public boolean takeCoreNeeded() {
        return coreNeeded.get() && coreNeeded.getAndSet(false);
    }

    /** From now on, submits throw; what was accepted still runs. */
    public void beginClose() {
        closing = true;
        context.wakeDriverWaiter(); // a kthread of this proc waiting in the driver must park
    }

    public boolean isClosing() {
        return closing;
    }

    /** Work accepted so far (submits, ingress, continuations). */
    public long acceptedCount() {
        return accepted.get();
    }

    /** Work run to the end so far, summed over kthreads. */
    public long completedCount() {
        long sum = 0;
        for (KThreadRunner runner : runners) {
            sum += runner.completedCount();
        }
        return sum;
    }

    /** Tasks that threw, summed over kthreads. */
    public long failedCount() {
        long sum = 0;
        for (KThreadRunner runner : runners) {
            sum += runner.failedCount();
        }
        return sum;
    }

    /** Whether everything accepted has completed. */
    public boolean isDrained() {
        return completedCount() == acceptedCount();
    }

    /** Kthreads running on a core, as the runtime counts them. */
    public int runningCount() {
        return running.get();
    }

    void kthreadStarted(int id) {
        running.incrementAndGet();
        hint = id;
    }

    void kthreadLeaving() {
        running.decrementAndGet();
        VarHandle.fullFence();
    }

    void kthreadReturning() {
        running.incrementAndGet();
    }

    /** Receives a kthread's total CPU time; called by the kthread itself, on any thread. */
    @FunctionalInterface
    public interface CpuTimeSink {
        /** Kthread {@code kthreadId} has used {@code cpuNanos} of CPU time in all. */
        void report(int kthreadId, long cpuNanos);
    }

    void reportCpu(int id, long cpuNanos) {
        cpuTime.report(id, cpuNanos);
    }

    /** Scheduler thread: whether anything waits in the ingress queue or a kthread's queue. */
    public boolean hasQueuedWork() {
        return !ingress.isEmpty() || othersHaveWork(-1);
    }

    /** Whether a kthread other than {@code self} has queued tasks (something to steal). */
    boolean othersHaveWork(int self) {
        for (int id = 0; id < runners.length; id++) {
            if (id != self && !runners[id].queue().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The id of this proc's kthread running on {@code core}, or -1. */
    int kthreadOnCore(int core) {
        for (int id = 0; id < runners.length; id++) {
            if (runners[id].runningCore() == core) {
                return id;
            }
        }
        return -1;
    }

    private static void requireTask(Runnable task) {
        if (task == null) {
            throw new IllegalArgumentException("task must not be null");
        }
    }

    @Override
    public String toString() {
        return "runtime of proc '" + name + "' (" + runners.length + " kthreads, " + running.get() + " running)";
    }
}
