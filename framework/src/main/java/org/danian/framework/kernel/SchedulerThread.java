package org.danian.framework.kernel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The one thread that mutates scheduling state (Caladan's IOKernel core; ARCHITECTURE §2).
 *
 * <p>Each iteration drains the inbox of operations that other threads submitted, in
 * submission order, then waits for more. Operations therefore run between two iterations, one
 * at a time, never concurrently with each other. The live engine adds its passes (finish core
 * switches, collect parked kthreads from their lock-free queues, poll the core allocator) to
 * the same iteration, and replaces the wait with its idle strategy (busy spin or back-off);
 * caller-driven operations keep flowing through the inbox.
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

    private final ConcurrentLinkedQueue<Task<?>> inbox = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile int state = NEW;

    SchedulerThread(String name) {
        this.thread = new Thread(this::run, name);
        this.thread.setDaemon(true);
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
        LockSupport.unpark(thread);
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
        LockSupport.unpark(thread);
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
        try {
            while (state == RUNNING) {
                if (!drainInbox()) {
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
