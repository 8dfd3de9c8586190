package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.danian.kernel.LiveProc;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live: a proc with bursts of tasks gets the worker core and gives it back when idle. */
class LiveBurstTest {

    private final Kernel kernel = LiveFixture.started(new RecordingLogger());

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void aBurstyProcGetsTheCoreAndReturnsItWhenIdle() {
        LiveProc proc = kernel.startProc(new ProcSpec("bursty", 2, Priority.LATENCY_CRITICAL, 0, 1,
                ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, 1));
        AtomicLong done = new AtomicLong();
        for (int burst = 1; burst <= 5; burst++) {
            for (int i = 0; i < 1_000; i++) {
                proc.submit(done::incrementAndGet);
            }
            long expected = burst * 1_000L;
            LiveFixture.await(() -> done.get() == expected, () -> "burst done: " + done.get() + " of " + expected);
            LiveFixture.await(() -> LiveFixture.running(kernel, "bursty") == 0,
                    () -> "core returned after the burst: " + kernel.status());
        }
        assertEquals(5_000, proc.completedCount());
        LiveFixture.assertInvariant(kernel);
        long grants = kernel.metrics().global().counts().grants();
        assertTrue(grants >= 5, "one grant per burst at least: " + grants);
        proc.close();
        assertEquals(0, proc.failedCount());
    }
}
