package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.kernel.MetricsSnapshot;
import org.danian.spi.CoreTopology;
import org.danian.spi.Priority;
import org.junit.jupiter.api.Test;

/**
 * The loop's logic step by step (deterministic: a test clock, the test plays the kthreads):
 * congestion by delay, by threshold 0 and by a parked kthread with work; the skip after a
 * grant; core needed; grants that wake, parks that free a core.
 */
class EngineLoopTest {

    private static final long MICROS = 1_000;

    private final EngineHarness machine = new EngineHarness(CoreTopology.noSiblings(3), EngineHarness.DIRECTED, 1, 2);

    /** Grants core 1 to {@code proc} through the allocator's context and lets the kthread start. */
    private KThreadEntry grantAndRun(ProcEntry proc, int core) {
        assertTrue(machine.context.grant(core, proc));
        return machine.run(proc);
    }

    @Test
    void aDelayAtTheThresholdIsCongestionAndAGrantSkipsOneDecision() {
        ProcEntry proc = machine.start("web", 2, Priority.LATENCY_CRITICAL, 0, 2, 10 * MICROS);
        machine.step(0);
        KThreadEntry running = grantAndRun(proc, 1);
        machine.heard.clear();

        machine.step(10 * MICROS); // first slow pass after the grant: skipped
        assertEquals(List.of(), machine.heard);
        machine.step(3 * MICROS); // not due
        machine.offer(proc, running.id());
        machine.step(7 * MICROS);
        assertEquals(List.of("congestion web false " + 7 * MICROS), machine.heard);
        machine.heard.clear();
        machine.step(3 * MICROS);
        machine.step(7 * MICROS);
        assertEquals(List.of("congestion web true " + 17 * MICROS), machine.heard, "delay >= threshold");
    }

    @Test
    void belowTheThresholdARunningProcIsCalm() {
        ProcEntry proc = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, 50 * MICROS);
        machine.step(0);
        KThreadEntry running = grantAndRun(proc, 1);
        machine.step(10 * MICROS); // skipped after the grant
        machine.heard.clear();
        machine.offer(proc, running.id());
        machine.step(10 * MICROS);
        machine.step(10 * MICROS);
        assertEquals(List.of("congestion web false " + 10 * MICROS, "congestion web false " + 20 * MICROS),
                machine.heard);
    }

    @Test
    void thresholdZeroFlagsOnlyAnItemSeenAtThePreviousPoll() {
        ProcEntry proc = machine.start("shenango", 1, Priority.LATENCY_CRITICAL, 0, 1, 0);
        machine.step(0);
        KThreadEntry running = grantAndRun(proc, 1);
        machine.step(10 * MICROS); // skipped after the grant
        machine.heard.clear();
        machine.step(2 * MICROS);
        machine.offer(proc, running.id()); // after the last poll
        machine.step(8 * MICROS);
        machine.step(10 * MICROS);
        assertEquals(List.of("congestion shenango false " + 8 * MICROS, "congestion shenango true " + 18 * MICROS),
                machine.heard, "new at the first poll, still queued at the second");
    }

    @Test
    void aParkedKThreadWithWorkIsCongestedWhateverTheDelay() {
        ProcEntry proc = machine.start("idle", 2, Priority.LATENCY_CRITICAL, 0, 2, 1_000 * MICROS);
        machine.step(0);
        machine.heard.clear();
        machine.offer(proc, 1);
        machine.step(10 * MICROS);
        assertEquals(List.of("congestion idle true " + 10 * MICROS), machine.heard);
    }

    @Test
    void workSubmittedToAProcWithoutCoreAsksForOne() {
        ProcEntry proc = machine.start("lonely", 1, Priority.LATENCY_CRITICAL, 0, 1, 10 * MICROS);
        machine.step(0);
        machine.heard.clear();
        proc.runtime.submit(() -> { });
        machine.step(1);
        assertEquals(List.of("coreNeeded lonely"), machine.heard);
        proc.runtime.ingress(() -> { });
        machine.step(1);
        assertEquals(List.of("coreNeeded lonely", "coreNeeded lonely"), machine.heard, "asked again: still no core");
        assertTrue(machine.context.grant(1, proc));
        proc.runtime.submit(() -> { });
        machine.step(1);
        assertEquals(2, machine.heard.size(), "a core is on its way: not asked again");
    }

    @Test
    void aGrantWakesThePickedKThreadAndItsParkFreesTheCore() {
        ProcEntry proc = machine.start("web", 2, Priority.LATENCY_CRITICAL, 0, 2, 10 * MICROS);
        machine.step(0);
        assertTrue(machine.context.grant(2, proc));
        assertSame(proc, machine.context.owner(2));
        assertEquals(1, machine.context.coresHeld(proc));
        assertFalse(machine.context.grant(2, proc), "already its core");
        machine.step(1);
        assertEquals(0, machine.metrics.globalSnapshot().grantLatency().count(), "not started yet");
        KThreadEntry kthread = machine.run(proc);
        assertEquals(2, kthread.core);
        machine.step(3 * MICROS);
        assertEquals(1, machine.metrics.globalSnapshot().grantLatency().count());
        machine.assertInvariant();
        machine.heard.clear();

        machine.park(kthread, 2);
        machine.step(1);
        assertTrue(kthread.idle);
        assertEquals(List.of("poll 2"), machine.heard);
        assertEquals(0, machine.context.coresHeld(proc));
        machine.assertInvariant();
        MetricsSnapshot.Proc metrics = machine.metrics.procSnapshot(proc.id());
        assertEquals(1, metrics.counts().grants());
        assertEquals(1, metrics.grantLatency().count());
        assertEquals(0, metrics.coresHeld());
    }

    @Test
    void aCedingOwnerHandsTheCoreToTheNewOwnerWithoutItBecomingIdle() {
        ProcEntry batch = machine.start("batch", 1, Priority.BEST_EFFORT, 0, 1, 10 * MICROS);
        ProcEntry web = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, 10 * MICROS);
        machine.step(0);
        KThreadEntry batchKThread = grantAndRun(batch, 1);
        assertTrue(machine.context.grant(1, web), "a grant on an owned core preempts");
        assertSame(web, machine.context.owner(1));
        assertEquals(0, machine.context.coresHeld(batch));
        assertTrue(machine.cedeRequested(1));
        assertFalse(machine.context.grant(1, batch), "one switch in flight per core");
        machine.assertInvariant(); // batch's kthread is ceding: neither running nor idle
        machine.step(1);
        machine.heard.clear();

        machine.park(batchKThread, 1); // hands over to web's kthread
        KThreadEntry webKThread = machine.run(web);
        machine.step(1);
        assertTrue(batchKThread.idle);
        assertEquals(1, webKThread.core);
        assertEquals(List.of(), machine.heard, "the switched core never reaches poll as idle");
        assertEquals(1, machine.metrics.globalSnapshot().loop().preemptions());
        machine.assertInvariant();
    }

    @Test
    void aReclaimedCoreBecomesIdleWhenItsOwnerCedes() {
        ProcEntry proc = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, 10 * MICROS);
        machine.step(0);
        KThreadEntry kthread = grantAndRun(proc, 1);
        assertTrue(machine.context.reclaim(1));
        assertFalse(machine.context.reclaim(1), "already being reclaimed");
        assertTrue(machine.cedeRequested(1));
        machine.heard.clear();
        machine.park(kthread, 1);
        machine.step(1);
        assertEquals(List.of("poll 1"), machine.heard);
        assertFalse(machine.context.reclaim(1), "idle");
    }
}
