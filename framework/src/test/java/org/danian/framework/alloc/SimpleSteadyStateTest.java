package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.danian.spi.CoreTopology;
import org.danian.spi.alloc.CoreSet;
import org.danian.spi.alloc.testing.FakeCoreSet;
import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.junit.jupiter.api.Test;

/**
 * The SPI asks that poll and congestion allocate nothing in the steady state. Measured with
 * the JVM's per-thread allocation counter (HotSpot's {@code com.sun.management} extension;
 * the test is skipped on a JVM without it), over a cycle that walks every path: a grant from
 * the ladder, a wait in the congested list, a newly idle core handed to the waiter, a core
 * left idle.
 */
class SimpleSteadyStateTest {

    private static final int CYCLES = 20_000;

    private final FakeMachine machine = new FakeMachine(CoreTopology.noSiblings(2), 1);
    private final Harness harness = new Harness(machine);
    private final FakeProc a = FakeProc.lc(1, 1, 0, 1);
    private final FakeProc b = FakeProc.lc(2, 1, 0, 1);
    private final CoreSet coreOne = new FakeCoreSet(1);

    @Test
    void pollAndCongestionAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        harness.attach(a, b);
        machine.quiet(true);
        runCycles(CYCLES);
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        int handedToTheWaiter = runCycles(CYCLES);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(CYCLES, handedToTheWaiter, "every cycle took the intended path");
        assertTrue(allocated < 1024, allocated + " bytes allocated in " + CYCLES + " cycles");
    }

    /** Returns how many times the freed core went to the waiting proc. */
    private int runCycles(int cycles) {
        int handedToTheWaiter = 0;
        for (int i = 0; i < cycles; i++) {
            harness.congested(a);           // a gets core 1 from the ladder
            harness.congested(b);           // b waits in the congested list
            machine.park(1);
            harness.allocator.poll(i, coreOne);   // a's core goes to b
            handedToTheWaiter += machine.owner(1) == b ? 1 : 0;
            harness.calm(a);
            harness.calm(b);
            machine.park(1);
            harness.allocator.poll(i, coreOne);   // nobody waits: core 1 stays idle
        }
        return handedToTheWaiter;
    }
}
