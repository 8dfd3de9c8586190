package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.danian.kernel.LiveProc;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live: a stream of 10^6 tasks through a proc, each run exactly once, with and without 100
 * thread-pick swaps during the stream; then a close that drains and refuses more work.
 */
class LiveStreamTest {

    private static final int TASKS = 1_000_000;

    private final LruTestPolicy first = new LruTestPolicy("first");
    private final LruTestPolicy second = new LruTestPolicy("second");
    private final Kernel kernel = LiveFixture.started(new RecordingLogger(), first, second);
    private final AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);

    @AfterEach
    void stop() {
        kernel.stop();
    }

    /** One task: counts its own runs. */
    private record Mark(AtomicIntegerArray runs, int index) implements Runnable {
        @Override
        public void run() {
            runs.incrementAndGet(index);
        }
    }

    /** Submits the stream; every {@code TASKS / swaps} tasks, swaps the thread-pick policy. */
    private void stream(LiveProc proc, int swaps) {
        int swapEvery = swaps == 0 ? Integer.MAX_VALUE : TASKS / swaps;
        int swapped = 0;
        for (int i = 0; i < TASKS; i++) {
            proc.submit(new Mark(runs, i));
            if ((i & 0x3FFF) == 0) {
                Thread.yield(); // lets the kthread drain now and then, so it parks and is re-granted
            }
            if (i % swapEvery == swapEvery / 2) {
                SwapResult result = kernel.swap(PolicyKind.THREAD_PICK, swapped++ % 2 == 0 ? "second" : "first");
                assertEquals(SwapResult.Outcome.SWAPPED, result.outcome());
            }
        }
        assertEquals(swaps, swapped);
        LiveFixture.await(() -> proc.completedCount() == TASKS,
                () -> proc.completedCount() + " of " + TASKS + " completed; " + kernel.status());
    }

    private void assertEachRanOnce() {
        for (int i = 0; i < TASKS; i++) {
            if (runs.get(i) != 1) {
                assertEquals(1, runs.get(i), "task " + i + " ran " + runs.get(i) + " times");
            }
        }
    }

    @Test
    void aMillionTasksSubmittedAMillionCompletedEachOnce() {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("stream", 2));
        stream(proc, 0);
        assertEachRanOnce();
        proc.close();
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> proc.submit(() -> { }));
        assertTrue(closed.getMessage().contains("stream"), closed.getMessage());
        assertEquals(TASKS, proc.acceptedCount());
        LiveFixture.assertInvariant(kernel);
        assertEquals(0, kernel.status().procs().size(), "closed procs leave the kernel");
    }

    @Test
    void swappingTheThreadPickPolicyAHundredTimesDuringTheStreamLosesNone() {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("stream", 4));
        stream(proc, 100);
        assertEachRanOnce();
        assertEquals(100 + 1, kernel.status().threadPick().swaps(), "the first activation and 100 swaps");
        LiveFixture.assertInvariant(kernel);
        proc.close();
    }
}
