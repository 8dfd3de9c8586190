package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.danian.spi.CoreTopology;
import org.danian.spi.Priority;
import org.junit.jupiter.api.Test;

/**
 * The scheduler loop and the grant path allocate nothing in the steady state: measured with the
 * JVM's per-thread allocation counter (HotSpot's {@code com.sun.management} extension) over
 * cycles of the real engine on the deterministic harness, each walking every pass: work
 * offered to a parked proc, the slow pass judging it congested, {@code simple} granting a core,
 * the pick (the kernel's built-in rule: no test policy's bookkeeping is measured), the woken
 * kthread starting, its park, the fast pass returning it to its idle set and the core to the
 * allocator, and idle iterations in between. An allocation per cycle would show as at least
 * {@value #CYCLES} × 16 bytes in every window.
 */
class EngineSteadyStateTest {

    private static final int CYCLES = 20_000;
    /** Measured windows; the least is kept, so a one-off of the JVM (a compilation) is not counted. */
    private static final int WINDOWS = 3;
    private static final long POLL = 10_000;

    /** No thread-pick policy is installed under the name aimed for: the built-in rule picks. */
    private final EngineHarness machine = new EngineHarness(CoreTopology.noSiblings(3), "none", "simple", 1, 2);
    private final ProcEntry web = machine.start("web", 2, Priority.LATENCY_CRITICAL, 0, 2, POLL);

    @Test
    void loopPassesGrantsAndParksAllocateNothing() {
        assertTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter; the test needs HotSpot's");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        runCycles(CYCLES);
        long thread = Thread.currentThread().getId();
        long grantsBefore = machine.metrics.globalSnapshot().counts().grants();

        long allocated = Long.MAX_VALUE;
        for (int window = 0; window < WINDOWS; window++) {
            long before = threads.getThreadAllocatedBytes(thread);
            runCycles(CYCLES);
            allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
        }

        assertEquals((long) WINDOWS * CYCLES, machine.metrics.globalSnapshot().counts().grants() - grantsBefore,
                "every cycle granted a core");
        assertTrue(allocated < 1024, allocated + " bytes allocated in " + CYCLES + " cycles (the least of "
                + WINDOWS + " windows)");
        machine.assertInvariant();
    }

    private void runCycles(int cycles) {
        for (int i = 0; i < cycles; i++) {
            machine.offer(web, 0);
            machine.step(POLL);                   // parked with work: congested; simple grants a core
            KThreadEntry running = machine.run(web);
            web.runtime.queue(0).poll();          // the kthread runs the task (stolen if it is not its own)
            web.runtime.queue(1).poll();
            machine.step(POLL);                   // skipped after the grant
            machine.park(running);                // parks; the fast pass returns it and frees the core
            machine.step(POLL);                   // an idle iteration with a slow pass
        }
    }
}
