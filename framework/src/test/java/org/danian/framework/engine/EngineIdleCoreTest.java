package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.spi.CoreTopology;
import org.danian.spi.Priority;
import org.junit.jupiter.api.Test;

/**
 * Work conservation under {@code simple} and the real loop (deterministic): a core never stays
 * idle while a proc with work waits for one, even if the core went idle at a moment when that
 * proc could not take it because its only kthread was still ceding another core.
 */
class EngineIdleCoreTest {

    private static final long POLL = 10_000;

    /** No siblings; the scheduler on 0; workers 1 and 2. */
    private final EngineHarness machine = new EngineHarness(CoreTopology.noSiblings(3), "simple", 1, 2);
    private final ProcEntry batch = machine.start("batch", 1, Priority.BEST_EFFORT, 0, 1, POLL);
    private final ProcEntry web = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
    private final ProcEntry other = machine.start("other", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);

    /** {@code proc} gets a core for a task its kthread then takes, as its thread would. */
    private KThreadEntry serve(ProcEntry proc, int expectedCore) {
        machine.offer(proc, 0);
        machine.step(POLL);
        assertSame(proc, machine.context.owner(expectedCore));
        KThreadEntry kthread = machine.run(proc);
        assertNotNull(proc.runtime.queue(0).poll());
        return kthread;
    }

    @Test
    void aCoreThatWentIdleWhileTheWaitingProcWasCedingGoesToItOnceItsKThreadParks() {
        KThreadEntry batchKThread = serve(batch, 1);
        KThreadEntry otherKThread = serve(other, 2);
        machine.offer(web, 0);
        machine.step(POLL); // web takes core 1 from batch, which is asked to cede
        assertSame(web, machine.context.owner(1));
        assertTrue(machine.cedeRequested(1));

        // batch's task cedes (Cede.continueWith) but its kthread has not parked yet: batch is
        // congested and waits, with no idle kthread to take a core with.
        batch.runtime.queue(0).offerFirst(() -> { }, machine.now);
        machine.step(POLL);
        assertEquals(1, batchKThread.cedingCore);
        // Now other runs out of work: core 2 goes idle while batch cannot take it.
        machine.park(otherKThread, 2);
        machine.step(1);
        assertEquals(null, machine.context.owner(2));
        // batch's kthread parks, handing core 1 to web; batch is idle with work to do.
        machine.park(batchKThread, 1);
        machine.run(web);
        machine.step(1);
        assertTrue(batchKThread.idle);

        machine.step(POLL);
        machine.step(POLL);
        assertSame(batch, machine.context.owner(2), "the idle core goes to the proc that waits with work");
        machine.assertInvariant();
    }
}
