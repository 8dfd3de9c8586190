package org.danian.framework.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.danian.spi.pick.contract.TestProc;
import org.junit.jupiter.api.Test;

/**
 * The writer calls the scheduler loop makes allocate nothing once procs are attached.
 * Measured with the JVM's per-thread allocation counter (HotSpot's {@code com.sun.management}
 * extension; skipped on a JVM without it), over many rounds of every writer call, with
 * snapshots taken between measured runs so that the recorders have swapped histograms.
 */
class KernelMetricsSteadyStateTest {

    private static final int ROUNDS = 20_000;

    private final FakeClock clock = new FakeClock();
    private final KernelMetrics metrics = new KernelMetrics(clock);
    private final TestProc[] procs = {new TestProc(3, 2), new TestProc(11, 2), new TestProc(40, 2)};

    @Test
    void writerCallsAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        for (TestProc proc : procs) {
            metrics.procAttached(proc);
        }
        metrics.cpuClockReadNanos(30); // the CPU samples' calibrated path, histogram included
        runRounds(ROUNDS);
        metrics.snapshot();
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        runRounds(ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(2 * (3L * ROUNDS * 2), metrics.snapshot().global().counts().grants(), "both runs of every round were recorded");
        assertTrue(allocated < 1024, allocated + " bytes allocated in " + ROUNDS + " rounds");
        assertEquals(2L * 3 * ROUNDS, metrics.globalSnapshot().pickTotals().cpuCost().count(), "CPU samples recorded");
    }

    private void runRounds(int rounds) {
        for (int i = 0; i < rounds; i++) {
            for (TestProc proc : procs) {
                clock.advance(1_000);
                metrics.grant(proc.kthread(0), 1, i & 1, (i & 1) == 1);
                metrics.pickCost(proc, 40 + (i & 63), 60 + (i & 127));
                metrics.grantLatency(proc, 5_000 + i);
                metrics.coresHeld(proc, 1, clock.nanos);
                metrics.kthreadCpuNanos(proc, 1, i);
                metrics.coresHeld(proc, 0, clock.nanos);
                metrics.grant(proc.kthread(0), 0, 1, false);
            }
        }
    }
}
