package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.danian.kernel.Cede;
import org.danian.kernel.LiveProc;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live: a latency-critical proc takes the worker core from a best-effort proc that cedes. */
class LiveCedeTest {

    private final Kernel kernel = LiveFixture.started(new RecordingLogger());
    private final AtomicBoolean stopBatch = new AtomicBoolean();

    @AfterEach
    void stop() {
        stopBatch.set(true);
        kernel.stop();
    }

    /** Best-effort work that never ends by itself, but cedes whenever asked. */
    private final class Antagonist implements Runnable {
        final AtomicLong steps = new AtomicLong();
        final AtomicLong cedes = new AtomicLong();

        @Override
        public void run() {
            while (!stopBatch.get()) {
                long spin = System.nanoTime() + 1_000;
                while (System.nanoTime() - spin < 0) {
                    Thread.onSpinWait();
                }
                steps.incrementAndGet();
                if (Cede.requested()) {
                    cedes.incrementAndGet();
                    Cede.continueWith(this);
                    return;
                }
            }
        }
    }

    @Test
    void aLatencyCriticalProcTakesTheCoreFromABestEffortProcThatCedes() {
        LiveProc batch = kernel.startProc(new ProcSpec("batch", 1, Priority.BEST_EFFORT, 0, 1,
                ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, 1));
        LiveProc web = kernel.startProc(new ProcSpec("web", 1, Priority.LATENCY_CRITICAL, 0, 1,
                ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, 1));
        Antagonist antagonist = new Antagonist();
        batch.submit(antagonist);
        LiveFixture.await(() -> antagonist.steps.get() > 100, () -> "the antagonist runs: " + kernel.status());

        AtomicLong served = new AtomicLong();
        for (int request = 1; request <= 20; request++) {
            web.submit(served::incrementAndGet);
            long expected = request;
            LiveFixture.await(() -> served.get() == expected, () -> "web request served while batch hogs the core: "
                    + served.get() + ", " + kernel.status());
            long stepsBefore = antagonist.steps.get();
            LiveFixture.await(() -> antagonist.steps.get() > stepsBefore + 10,
                    () -> "batch gets the core back when web is idle: " + kernel.status());
        }
        assertTrue(antagonist.cedes.get() >= 20, "batch ceded for every request: " + antagonist.cedes.get());
        long preemptions = kernel.metrics().global().loop().preemptions();
        assertTrue(preemptions >= 20, "each request preempted batch: " + preemptions);
        assertEquals(0, batch.failedCount() + web.failedCount());

        stopBatch.set(true);
        web.close();
        batch.close();
        assertEquals(batch.acceptedCount(), batch.completedCount());
        LiveFixture.assertInvariant(kernel);
    }
}
