package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.danian.framework.alloc.SimpleUnderAnotherName;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.LiveProc;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.Test;

/**
 * Live: hot swaps of both slots from one thread while other threads stream bursts of tasks into
 * three procs whose kthreads park and are re-granted between bursts. Nothing is lost or run
 * twice, the invariant holds at every checkpoint, and no swap fails or ejects.
 */
class ConcurrentSwapTest {

    private static final int BURSTS = 200;
    private static final int BURST = 50;
    private static final int SWAPS = 300;

    @Test
    void swapsOfBothSlotsUnderLiveLoadLoseNoTask() throws Exception {
        Kernel kernel = LiveFixture.started(new RecordingLogger(), new LruTestPolicy("alpha"),
                new LruTestPolicy("beta"), new LruTestPolicy("gamma"));
        kernel.addPolicy(new SimpleUnderAnotherName("simple-twin"));
        try {
            List<LiveProc> procs = List.of(kernel.startProc(ProcSpec.latencyCritical("web", 3)),
                    kernel.startProc(ProcSpec.latencyCritical("kv", 5)),
                    kernel.startProc(ProcSpec.latencyCritical("batch", 40)));
            AtomicLong ran = new AtomicLong();
            AtomicBoolean streaming = new AtomicBoolean(true);
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                try {
                    for (int burst = 0; burst < BURSTS; burst++) {
                        LiveProc proc = procs.get(burst % procs.size());
                        for (int i = 0; i < BURST; i++) {
                            proc.submit(ran::incrementAndGet);
                        }
                        long expected = (burst + 1L) * BURST;
                        LiveFixture.await(() -> ran.get() == expected, () -> ran.get() + " of " + expected);
                    }
                } finally {
                    streaming.set(false);
                }
            });
            String[] picks = {"alpha", "beta", "gamma"};
            String[] allocators = {"simple", "simple-twin"};
            int swapped = 0;
            for (int i = 0; i < SWAPS || streaming.get(); i++) {
                PolicyKind kind = i % 4 == 3 ? PolicyKind.CORE_ALLOCATION : PolicyKind.THREAD_PICK;
                String name = kind == PolicyKind.THREAD_PICK ? picks[i % picks.length] : allocators[(i / 4) % 2];
                SwapResult result = kernel.swap(kind, name);
                swapped += result.outcome() == SwapResult.Outcome.SWAPPED ? 1 : 0;
                if (i % 50 == 0) {
                    LiveFixture.assertInvariant(kernel);
                }
            }
            stream.get();

            assertEquals((long) BURSTS * BURST, ran.get());
            long accepted = procs.stream().mapToLong(LiveProc::acceptedCount).sum();
            long completed = procs.stream().mapToLong(LiveProc::completedCount).sum();
            assertEquals(accepted, completed, "every accepted task ran");
            assertEquals((long) BURSTS * BURST, completed, "and each exactly once");
            KernelStatus status = kernel.status();
            assertTrue(swapped >= SWAPS - 2, "swaps happened: " + swapped);
            assertEquals(0, status.threadPick().failedSwaps() + status.coreAllocation().failedSwaps());
            assertEquals(0, status.threadPick().ejections() + status.coreAllocation().ejections());
            assertTrue(kernel.metrics().global().counts().grants() >= BURSTS / 2,
                    "kthreads were re-granted between bursts: " + kernel.metrics().global().counts());
            for (LiveProc proc : procs) {
                proc.close();
            }
            LiveFixture.assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }
}
