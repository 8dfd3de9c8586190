package org.danian.framework.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.danian.framework.runtime.KThreadRunner;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.kernel.LiveProc;
import org.danian.spi.ProcView;

/**
 * The {@link LiveProc} the kernel hands to workloads: submits go straight to the proc's
 * runtime (no scheduler round trip), close is a short protocol with the scheduler thread.
 *
 * <h2>Close</h2>
 * <ol>
 *   <li>The runtime stops accepting work; the caller waits until every accepted task has
 *       completed (the proc keeps its cores and keeps getting them while it has work).
 *   <li>The scheduler marks the proc retiring: no more grants; its kthreads park within
 *       their 2 µs spin, each core reaching the allocator as newly idle.
 *   <li>Once every kthread is idle, the scheduler detaches it (thread picker, allocator,
 *       tokens), and the caller ends its threads.
 * </ol>
 * The waits poll with short sleeps growing to 1 ms: a close is rare, and polling keeps the
 * scheduler free of per-proc callbacks. Close is serialised by this object's monitor.
 */
final class LiveProcHandle implements LiveProc {

    private static final long JOIN_MILLIS = 2_000;
    private static final long MAX_WAIT_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ProcEntry proc;
    private final ProcRuntime runtime;
    private final SchedulerThread thread;
    private final Scheduler scheduler;
    private final Consumer<ProcEntry> onClosed;
    private boolean closed;

    LiveProcHandle(ProcEntry proc, SchedulerThread thread, Scheduler scheduler, Consumer<ProcEntry> onClosed) {
        this.proc = proc;
        this.onClosed = onClosed;
        this.runtime = proc.runtime;
        this.thread = thread;
        this.scheduler = scheduler;
    }

    @Override
    public ProcView view() {
        return proc;
    }

    @Override
    public String name() {
        return proc.spec().name();
    }

    @Override
    public void submit(Runnable task) {
        runtime.submit(task);
    }

    @Override
    public void ingress(Runnable packetWork) {
        runtime.ingress(packetWork);
    }

    @Override
    public long acceptedCount() {
        return runtime.acceptedCount();
    }

    @Override
    public long completedCount() {
        return runtime.completedCount();
    }

    @Override
    public long failedCount() {
        return runtime.failedCount();
    }

    /** Scheduler thread: whether this is a proc of {@code table} that has not closed. */
    boolean isLiveIn(ProcTable table) {
        return proc.table() == table && proc.live;
    }

    /** The runtime, for tests and the kernel's status. */
    ProcRuntime runtime() {
        return runtime;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        KThreadRunner self = KThreadRunner.current();
        if (self != null && self.proc() == runtime) {
            throw new IllegalStateException("proc '" + name() + "' cannot be closed from its own task");
        }
        runtime.beginClose();
        await(runtime::isDrained, "drained");
        thread.call(() -> {
            scheduler.retire(proc);
            return null;
        });
        await(() -> thread.call(() -> scheduler.allIdle(proc)), "parked");
        thread.call(() -> {
            scheduler.closeProc(proc);
            return null;
        });
        runtime.stop(JOIN_MILLIS);
        closed = true;
        onClosed.accept(proc);
    }

    private void await(BooleanSupplier done, String what) {
        long step = TimeUnit.MICROSECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (!thread.isRunning()) {
                runtime.stop(JOIN_MILLIS);
                throw new IllegalStateException("the kernel stopped before proc '" + name() + "' " + what + " ("
                        + runtime.completedCount() + " of " + runtime.acceptedCount() + " tasks completed)");
            }
            LockSupport.parkNanos(step);
            step = Math.min(MAX_WAIT_STEP_NANOS, step * 2);
        }
    }

    @Override
    public String toString() {
        return "live " + proc;
    }
}
