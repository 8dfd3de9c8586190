package org.danian.distribution.it;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;

/**
 * A stream of grants and parks on every core, from its own thread, as the live scheduler loop
 * will produce them: each core alternately receives a kthread of the proc and gets it back.
 * What runs where is kept here too, to be compared with the kernel's own view at the end.
 */
final class GrantParkLoad implements Runnable {

    private final SchedulerKernel kernel;
    private final ProcView proc;
    /** The kthread running on each core, or null; read by others only after {@link #join}. */
    private final KThreadView[] running;
    private final AtomicLong operations = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopped;
    private final Thread thread = new Thread(this, "grant-park-load");

    GrantParkLoad(SchedulerKernel kernel, ProcView proc) {
        this.kernel = kernel;
        this.proc = proc;
        this.running = new KThreadView[kernel.topology().coreCount()];
    }

    void start() {
        thread.start();
    }

    @Override
    public void run() {
        try {
            while (!stopped) {
                for (int core = 0; core < running.length; core++) {
                    if (running[core] == null) {
                        running[core] = kernel.grant(proc, core);
                    } else {
                        kernel.park(running[core]);
                        running[core] = null;
                    }
                    operations.incrementAndGet();
                }
            }
        } catch (Throwable t) {
            failure.set(t);
        }
    }

    long operations() {
        return operations.get();
    }

    Throwable failure() {
        return failure.get();
    }

    /** Waits until the stream has made {@code more} further operations, or has failed. */
    void awaitProgress(long more) throws InterruptedException {
        long target = operations() + more;
        Await.until(more + " more grant/park operations", () -> operations() >= target || failure() != null);
    }

    /** Stops the stream and returns, per core, the kthread left running there (or null). */
    KThreadView[] stopAndJoin() throws InterruptedException {
        stopped = true;
        thread.join(30_000);
        if (thread.isAlive()) {
            throw new AssertionError("the grant/park stream did not stop");
        }
        return running.clone();
    }
}
