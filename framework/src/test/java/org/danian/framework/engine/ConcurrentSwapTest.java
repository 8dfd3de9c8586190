package org.danian.framework.engine;

import static org.danian.framework.engine.KernelFixture.CORES;
import static org.danian.framework.engine.KernelFixture.assertInvariant;
import static org.danian.framework.engine.KernelFixture.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.ProcStatus;
import org.danian.kernel.SwapResult;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.junit.jupiter.api.Test;

/**
 * Hot swaps from one thread while another streams parks and grants: no kthread is lost or
 * duplicated, checked after every step and in totals at the end. Seeded.
 */
class ConcurrentSwapTest {

    private static final int OPERATIONS = 4_000;
    private static final int SWAPS = 300;
    private static final int CHECKPOINT = 500;

    @Test
    void swapsUnderAStreamOfParksAndGrantsLoseNoKThread() throws Exception {
        Kernel kernel = KernelFixture.started(new RecordingLogger(), "alpha", new LruTestPolicy("alpha"),
                new LruTestPolicy("beta"), new LruTestPolicy("gamma"));
        try {
            List<ProcView> procs = List.of(proc(kernel, "web", 3), proc(kernel, "kv", 5), proc(kernel, "batch", 40));
            AtomicBoolean streaming = new AtomicBoolean(true);
            CompletableFuture<KThreadView[]> stream = CompletableFuture.supplyAsync(() -> {
                try {
                    return streamParksAndGrants(kernel, procs, new SplittableRandom(7));
                } finally {
                    streaming.set(false);
                }
            });
            String[] names = {"alpha", "beta", "gamma"};
            int swapped = 0;
            for (int i = 0; i < SWAPS || streaming.get(); i++) {
                SwapResult result = kernel.swapThreadPickPolicy(names[i % names.length]);
                swapped += result.outcome() == SwapResult.Outcome.SWAPPED ? 1 : 0;
                assertInvariant(kernel);
            }
            KThreadView[] onCore = stream.get();

            KernelStatus status = kernel.status();
            assertTotals(status, onCore);
            assertTrue(swapped >= SWAPS - 1, "swaps happened: " + swapped);
            assertEquals(0, status.failedSwaps());
            assertEquals(0, status.ejections());
        } finally {
            kernel.stop();
        }
    }

    /** Random parks and grants against a model of which kthread runs on which core. */
    private static KThreadView[] streamParksAndGrants(Kernel kernel, List<ProcView> procs, SplittableRandom random) {
        KThreadView[] onCore = new KThreadView[CORES];
        long swapsSeen = kernel.status().swaps();
        for (int step = 0; step < OPERATIONS; step++) {
            if (step % CHECKPOINT == 0) {
                swapsSeen = awaitAnotherSwap(kernel, swapsSeen);
            }
            int core = random.nextInt(CORES);
            if (onCore[core] != null) {
                kernel.park(onCore[core]);
                onCore[core] = null;
            } else {
                ProcView proc = procs.get(random.nextInt(procs.size()));
                KThreadView chosen = kernel.grant(proc, core);
                assertNotNull(chosen, "every proc has more kthreads than there are cores");
                assertEquals(core, chosen.lastCore());
                onCore[core] = chosen;
            }
            assertInvariant(kernel);
        }
        return onCore;
    }

    /**
     * Waits until a swap happened since the last checkpoint, so that swaps provably interleave
     * with the stream (without any timing assumption: the swapper runs while the stream does).
     */
    private static long awaitAnotherSwap(Kernel kernel, long swapsSeen) {
        long swaps;
        while ((swaps = kernel.status().swaps()) <= swapsSeen) {
            Thread.onSpinWait();
        }
        return swaps;
    }

    private static void assertTotals(KernelStatus status, KThreadView[] onCore) {
        int kthreads = 0;
        int running = 0;
        List<String> seenOnCores = new ArrayList<>();
        for (ProcStatus proc : status.procs()) {
            kthreads += proc.kthreads().size();
            assertEquals(proc.kthreads().size(), proc.idleCount() + proc.runningCount());
            for (KThreadStatus kthread : proc.kthreads()) {
                if (kthread.running()) {
                    running++;
                    seenOnCores.add(kthread.core() + "=" + proc.name() + "/" + kthread.id());
                }
            }
        }
        assertEquals(3 + 5 + 40, kthreads);
        List<String> expected = new ArrayList<>();
        for (int core = 0; core < CORES; core++) {
            if (onCore[core] != null) {
                expected.add(core + "=" + onCore[core].proc().spec().name() + "/" + onCore[core].id());
            }
        }
        assertEquals(expected.size(), running);
        seenOnCores.sort(null);
        expected.sort(null);
        assertEquals(expected, seenOnCores, "the kernel runs exactly what the stream granted");
    }
}
