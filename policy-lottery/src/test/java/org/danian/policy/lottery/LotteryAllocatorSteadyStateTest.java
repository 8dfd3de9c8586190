package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.danian.spi.alloc.testing.FakeProc.Where;
import org.junit.jupiter.api.Test;

/**
 * The SPI asks that poll and congestion allocate nothing in the steady state. Measured with
 * the JVM's per-thread allocation counter (HotSpot's {@code com.sun.management} extension;
 * skipped on a JVM without it), over cycles that draw for an idle core, set a proc without an
 * idle kthread aside, and preempt a best-effort proc for a latency-critical one.
 */
class LotteryAllocatorSteadyStateTest {

    private static final int CYCLES = 20_000;
    private static final long CONGESTED = 25_000;

    private final FakeMachine kernel = LotteryAllocatorTest.newKernel(2);
    private final LotteryAllocator allocator = (LotteryAllocator) new LotteryAllocationPolicy(11).newAllocator(kernel);
    private final FakeProc bestEffort = FakeProc.be(0, 1, 0, 1, 2);
    private final FakeProc latencyCritical = FakeProc.lc(1, 1, 0, 1, 3);
    private final FakeProc busy = FakeProc.lc(2, 1, 0, 1, 5);

    @Test
    void pollAndCongestionAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        allocator.attach(bestEffort);
        allocator.attach(latencyCritical);
        allocator.attach(busy);
        busy.kthread(0).moveTo(Where.RUNNING);   // its only kthread runs elsewhere: never grantable
        kernel.quiet(true);
        runCycles(CYCLES);
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        int preemptions = runCycles(CYCLES);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(CYCLES, preemptions, "every cycle took the intended path");
        assertTrue(allocated < 1024, allocated + " bytes allocated in " + CYCLES + " cycles");
    }

    /** Returns how many times the latency-critical proc took the best-effort proc's core. */
    private int runCycles(int cycles) {
        int preemptions = 0;
        for (int i = 0; i < cycles; i++) {
            allocator.congestion(busy, true, CONGESTED);
            allocator.congestion(bestEffort, true, CONGESTED);
            allocator.poll(i, kernel.takeNewlyIdle());            // best-effort wins; busy is set aside
            allocator.congestion(latencyCritical, true, CONGESTED);
            allocator.poll(i, kernel.takeNewlyIdle());            // latency-critical preempts
            preemptions += kernel.owner(1) == latencyCritical ? 1 : 0;
            allocator.congestion(busy, false, 0);
            kernel.park(1);
            allocator.poll(i, kernel.takeNewlyIdle());
        }
        return preemptions;
    }
}
