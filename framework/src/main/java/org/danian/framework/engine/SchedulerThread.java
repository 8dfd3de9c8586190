package org.danian.framework.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.danian.framework.runtime.IdleStrategy;
import org.danian.framework.runtime.IdleWaiter;

/**
 * The one thread that mutates scheduling state (Caladan's IOKernel core; docs/architecture.md, "The single-writer rule").
 *
 * <p>Each iteration drains the inbox of operations that other threads submitted, in
 * submission order, then runs the live engine's passes ({@link Loop#iterate}: finish core
 * switches, notice parked kthreads, measure congestion, poll the core allocator). Operations
 * therefore run between two iterations, one at a time, never concurrently with each other or
 * with the passes. After an iteration that did nothing, the thread applies its
 * {@link IdleStrategy} (busy spin or back-off); while no proc exists and no port is open it simply parks
 * until an operation arrives, as a kernel driven only by callers needs no polling.
 *
 * <p>Memory ordering: the inbox is a lock-free {@link ConcurrentLinkedQueue} (a producer's
 * offer happens-before the scheduler thread's poll); results return through a
 * {@link CompletableFuture} (completion happens-before the caller's {@code join}). The
 * lifecycle state is a volatile field: a producer that offers and then reads {@code STOPPED}
 * fails what is left in the inbox itself, so no caller waits forever on a stopped thread.
 */
final class SchedulerThread {

    private static final int NEW = 0;
    private static final int RUNNING = 1;
    private static final int STOPPING = 2;
    private static final int STOPPED = 3;

    /** The live engine's part of an iteration. */
    interface Loop {
        /** Runs once at the start of the thread (pinning it). */
        void onStart(Thread self);

        /** Whether there is anything to poll (a live proc exists); otherwise the thread parks. */
        boolean active();

        /** One iteration's passes; returns whether anything happened. */
        boolean iterate(long nowNanos);

        /**
         * The idle strategy's wait of up to {@code nanos}: parks, or blocks where the next work
         * will come from (the packet driver) if {@code stillIdle} holds once the loop has said
         * it is blocking, so that {@link #interruptWait()} from then on ends the wait.
         */
        default void await(long nanos, BooleanSupplier stillIdle) {
            LockSupport.parkNanos(nanos);
        }

        /** Scheduler thread: whether {@link #await} would now block where the work comes from. */
        default boolean blocksOnWork() {
            return false;
        }

        /** Any thread, after submitting work (or stopping): ends a blocking {@link #await}. */
        default void interruptWait() {
        }
    }

    private final ConcurrentLinkedQueue<Task<?>> inbox = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile IdleStrategy idle;
    private volatile Loop loop;
    private volatile int state = NEW;
    private final BooleanSupplier inboxEmpty = inbox::isEmpty;

    SchedulerThread(String name) {
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
    }

    /** Before {@link #start()}: the engine passes to run in each iteration, and the idle strategy. */
    void loop(Loop body, IdleStrategy idleStrategy) {
        this.loop = body;
        this.idle = idleStrategy;
        if (body != null) {
            idleStrategy.waitWith(new IdleWaiter() {
                @Override
                public boolean blocksOnWork() {
                    return body.blocksOnWork();
                }

                @Override
                public void await(long nanos) {
                    body.await(nanos, inboxEmpty);
                }
            });
        }
    }

    boolean isRunning() {
        return state == RUNNING;
    }

    Thread thread() {
        return thread;
    }

    void start() {
        if (state != NEW) {
            throw new IllegalStateException("scheduler thread already started");
        }
        state = RUNNING;
        thread.start();
    }

    /** Stops the loop after the operations already submitted, and waits for the thread to end. */
    void stop() {
        if (state == NEW) {
            state = STOPPED;
            return;
        }
        state = STOPPING;
        wake();
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Wakes the thread from a park or from a blocking wait of its loop. */
    private void wake() {
        LockSupport.unpark(thread);
        Loop body = loop;
        if (body != null) {
            body.interruptWait();
        }
    }

    boolean isSchedulerThread() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code operation} on the scheduler thread between two iterations and returns its
     * result; an exception it throws is rethrown here.
     *
     * @throws IllegalStateException if called on the scheduler thread itself (a policy calling
     *     back into the kernel), or if the kernel is not running
     */
    <T> T call(Supplier<T> operation) {
        if (isSchedulerThread()) {
            throw new IllegalStateException("kernel operations must not be called on the scheduler thread"
                    + " (a policy must not call back into the kernel)");
        }
        if (state != RUNNING) {
            throw notRunning();
        }
        Task<T> task = new Task<>(operation);
        inbox.offer(task);
        wake();
        if (state == STOPPED) {
            failLeftovers();
        }
        try {
            return task.result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private void run() {
        Loop body = loop;
        IdleStrategy idle = this.idle;
        try {
            if (body != null) {
                body.onStart(thread);
            }
            while (state == RUNNING) {
                boolean worked = drainInbox();
                if (body != null && (worked || body.active())) {
                    worked |= body.iterate(System.nanoTime());
                    if (worked) {
                        idle.reset();
                    } else {
                        idle.idle(); // an offer or a core-needed signal unparks a back-off park
                    }
                } else if (!worked) {
                    LockSupport.park(this); // an offer unparks us; a spurious wake-up only loops
                }
            }
            drainInbox(); // operations submitted before stop() still run
        } finally {
            state = STOPPED;
            failLeftovers();
        }
    }

    /** Runs every queued operation; returns whether there was any. */
    private boolean drainInbox() {
        boolean worked = false;
        for (Task<?> task = inbox.poll(); task != null; task = inbox.poll()) {
            task.run();
            worked = true;
        }
        return worked;
    }

    private void failLeftovers() {
        for (Task<?> task = inbox.poll(); task != null; task = inbox.poll()) {
            task.result.completeExceptionally(notRunning());
        }
    }

    private static IllegalStateException notRunning() {
        return new IllegalStateException("the scheduler kernel is not running");
    }

    /** An operation and the future its caller waits on. */
    private static final class Task<T> {
        final Supplier<T> operation;
        final CompletableFuture<T> result = new CompletableFuture<>();

        Task(Supplier<T> operation) {
            this.operation = operation;
        }

        void run() {
            try {
                result.complete(operation.get());
            } catch (Throwable thrown) {
                result.completeExceptionally(thrown);
                if (thrown instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            }
        }
    }
}
