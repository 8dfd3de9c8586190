package org.danian.distribution.it;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.LiveProc;

/**
 * Live load on a proc, from its own thread, as a server sees it: bursts of tasks, each burst
 * run to the end before the next is submitted, and between bursts a wait until the proc's
 * kthreads have parked, so that every burst is served by a fresh grant through the thread
 * picker and the core allocator. Counts what ran; a task that runs twice or never shows up
 * as a difference between submitted and ran.
 */
final class BurstLoad implements Runnable {

    private static final int BURST = 20;

    private final KernelAdmin admin;
    private final LiveProc proc;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong ran = new AtomicLong();
    private final AtomicLong bursts = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread = new Thread(this, "burst-load");
    private volatile boolean stopped;

    BurstLoad(KernelAdmin admin, LiveProc proc) {
        this.admin = admin;
        this.proc = proc;
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                for (int i = 0; i < BURST; i++) {
                    submitted.incrementAndGet();
                    proc.submit(ran::incrementAndGet);
                }
                Await.until("burst " + bursts.get() + " to run", () -> ran.get() == submitted.get());
                Await.until("the proc's kthreads to park", this::allParked);
                bursts.incrementAndGet();
            }
        } catch (Throwable thrown) {
            failure.set(thrown);
        }
    }

    private boolean allParked() {
        return admin.status().procs().stream().filter(status -> status.id() == proc.view().id())
                .allMatch(status -> status.count(KThreadStatus.State.IDLE) == status.kthreads().size());
    }

    /** Waits until {@code more} further bursts have completed, or fails with the load's failure. */
    void awaitProgress(long more) throws InterruptedException {
        long target = bursts.get() + more;
        Await.until(more + " more bursts (failure: " + failure.get() + ")",
                () -> bursts.get() >= target || failure.get() != null);
        if (failure.get() != null) {
            throw new AssertionError("the load failed", failure.get());
        }
    }

    /** Stops after the current burst and waits for the thread. */
    void stopAndJoin() throws InterruptedException {
        stopped = true;
        thread.join(60_000);
    }

    long submitted() {
        return submitted.get();
    }

    long ran() {
        return ran.get();
    }

    long bursts() {
        return bursts.get();
    }

    Throwable failure() {
        return failure.get();
    }
}
