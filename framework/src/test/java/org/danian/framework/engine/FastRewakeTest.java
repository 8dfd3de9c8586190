package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.kernel.MetricsSnapshot;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.Test;

/**
 * Caladan's fast rewake, deterministic: a kthread that parks while its proc's ingress holds
 * packets gets its core back in the same fast pass, without the core-allocation policy ever
 * hearing that the core was idle; without packets the core is reported idle as before.
 */
class FastRewakeTest {

    private final EngineHarness machine = new EngineHarness(CoreTopology.noSiblings(3), EngineHarness.DIRECTED, 1, 2);
    private final ProcEntry web = machine.proc("web", 2);

    @Test
    void aKThreadThatParksWithPacketsWaitingIsRerunOnItsCoreWithoutThePolicy() {
        KThreadEntry first = machine.grant(web, 1);
        web.runtime.ingress(() -> { }); // a packet arrives after the kthread's last look
        machine.heard.clear();

        machine.park(first, 1);
        machine.step(0);

        KThreadEntry rerun = machine.run(web); // a wake is pending for core 1
        assertSame(first, rerun, "the thread-pick policy chose the kthread warm on core 1");
        assertEquals(1, rerun.core);
        assertSame(web, machine.context.owner(1), "the allocator's ledger never saw core 1 idle");
        assertFalse(machine.heard.contains("poll 1"), machine.heard.toString());
        assertFalse(machine.heard.contains("coreNeeded web"), machine.heard.toString());
        MetricsSnapshot.HandOffs handOffs = machine.metrics.snapshot().handOffs();
        assertEquals(1, handOffs.fastRewakes());
        assertEquals(2, handOffs.kthreadWakes(), "the first grant and the rewake");
        machine.assertInvariant();
    }

    @Test
    void aKThreadThatParksWithNothingWaitingGivesItsCoreBackToThePolicy() {
        KThreadEntry first = machine.grant(web, 1);
        machine.heard.clear();

        machine.park(first, 1);
        machine.step(0);

        assertTrue(machine.heard.contains("poll 1"), machine.heard.toString());
        assertTrue(first.idle);
        assertEquals(0, machine.metrics.snapshot().handOffs().fastRewakes());
    }

    @Test
    void aCoreTheAllocatorReclaimedIsNotRewokenEvenWithPacketsWaiting() {
        KThreadEntry first = machine.grant(web, 1);
        assertTrue(machine.context.reclaim(1));
        web.runtime.ingress(() -> { });
        machine.heard.clear();

        machine.park(first, 1);
        machine.step(0);

        assertTrue(machine.heard.contains("poll 1"), machine.heard.toString());
        assertEquals(0, machine.metrics.snapshot().handOffs().fastRewakes());
    }
}
