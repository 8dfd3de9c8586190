package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;

import org.danian.framework.engine.FaultyTestPolicy.Fault;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The thread-pick failsafe on live procs (deterministic harness): a policy that breaks its
 * contract is ejected at the call that revealed it, the ladder picks the fallback, and the
 * grant or park is still served.
 */
class FailsafeTest {

    /** A harness on four cores in sibling pairs, workers 1–3, aiming for {@code target}. */
    private static EngineHarness machine(String target, LruTestPolicy... policies) {
        EngineHarness machine = new EngineHarness(CoreTopology.siblingPairs(4), target, EngineHarness.DIRECTED,
                1, 2, 3);
        for (LruTestPolicy policy : policies) {
            machine.addPolicy(policy);
        }
        return machine;
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"PICK_THROWS", "FOREIGN_KTHREAD", "NOT_IDLE_KTHREAD",
        "NULL_WHILE_IDLE", "WRONG_IDLE_COUNT"})
    void faultyPickIsEjectedToTheLastGoodPolicyAndTheGrantIsServed(Fault fault) {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        EngineHarness machine = machine("good", new LruTestPolicy("good"), bad, new LruTestPolicy("caladan"));
        ProcEntry web = machine.proc("web", 3);
        KThreadEntry first = machine.grant(web, 1);
        machine.swap(PolicyKind.THREAD_PICK, "bad");
        bad.arm(fault);

        KThreadEntry served = machine.grant(web, 2);

        assertNotNull(served, "the grant that revealed the fault is served by the fallback");
        assertSame(web, served.proc());
        assertEquals(2, served.lastCore());
        KernelStatus status = machine.status();
        assertEquals("good", status.threadPick().active(), "last good policy, not caladan");
        assertEquals(1, status.threadPick().ejections());
        PolicyEvent event = status.events().get(status.events().size() - 1);
        assertEquals(PolicyEvent.Type.EJECTED, event.type());
        assertEquals(PolicyKind.THREAD_PICK, event.kind());
        assertEquals("bad", event.policy());
        assertEquals("good", event.fallback());
        assertTrue(event.reason().contains(fault.reasonFragment), event.reason());
        assertEquals(1, machine.logger.at(Level.WARNING).size(), "logged once");
        assertTrue(machine.logger.at(Level.WARNING).get(0).message().contains("'bad'"));
        assertTrue(policy(machine, "bad").ejected());
        assertEquals(1, machine.metrics.globalSnapshot().ejectionsByPolicy().get("bad"));
        machine.park(first);
        machine.park(served);
        machine.assertInvariant();
    }

    @Test
    void faultyParkIsEjectedAndTheParkedKThreadIsKept() {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        EngineHarness machine = machine("bad", new LruTestPolicy("good"), bad);
        ProcEntry web = machine.proc("web", 2);
        KThreadEntry running = machine.grant(web, 2);
        bad.arm(Fault.PARKED_THROWS);
        machine.park(running);
        assertEquals(2, web.idle.size());
        assertNotNull(machine.grant(web, 1));
        assertNotNull(machine.grant(web, 3), "both kthreads are in the fallback's idle set");
        assertEquals(1, machine.status().threadPick().ejections());
        machine.assertInvariant();
    }

    @Test
    void withoutLastGoodTheKernelFallsBackToCaladan() {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        EngineHarness machine = machine("bad", bad, new LruTestPolicy("zeta"), new LruTestPolicy("caladan"));
        ProcEntry web = machine.proc("web", 2);
        bad.arm(Fault.PICK_THROWS);
        assertNotNull(machine.grant(web, 1));
        assertEquals("caladan", machine.status().threadPick().active());
        machine.assertInvariant();
    }

    @Test
    void ladderGoesFromLastGoodToCaladanAsEachIsEjected() {
        FaultyTestPolicy first = new FaultyTestPolicy("first");
        FaultyTestPolicy second = new FaultyTestPolicy("second");
        EngineHarness machine = machine("first", first, second, new LruTestPolicy("caladan"));
        ProcEntry web = machine.proc("web", 4);
        machine.swap(PolicyKind.THREAD_PICK, "second");
        second.arm(Fault.NULL_WHILE_IDLE);
        assertNotNull(machine.grant(web, 1));
        assertEquals("first", machine.status().threadPick().active(), "rung 1: last good");
        first.arm(Fault.FOREIGN_KTHREAD);
        assertNotNull(machine.grant(web, 2));
        assertEquals("caladan", machine.status().threadPick().active(), "rung 2: caladan");
        assertEquals(2, machine.status().threadPick().ejections());
        machine.assertInvariant();
    }

    @Test
    void withoutCaladanTheKernelSaysSoAndServesGrantsItself() {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        EngineHarness machine = machine("bad", bad);
        machine.removePolicy(machine.registry.find(PolicyKind.THREAD_PICK, "lru", entry -> true).service());
        ProcEntry web = machine.proc("web", 3);
        KThreadEntry never = web.kthread(0);
        bad.arm(Fault.PICK_THROWS);
        KThreadEntry served = machine.grant(web, 1);
        assertSame(never, served, "built-in rule: the least recently parked kthread");
        KernelStatus status = machine.status();
        assertNull(status.threadPick().active());
        assertTrue(status.warnings().get(0).contains("no thread-pick policy is active"), status.warnings().toString());
        assertTrue(status.warnings().get(0).contains("built-in least-recently-parked rule"));
        assertTrue(machine.logger.at(Level.WARNING).get(0).message().contains("thread-pick now none"));
        machine.park(served);
        assertNotNull(machine.grant(web, 1));
        assertNotNull(machine.grant(web, 2));
        assertNotNull(machine.grant(web, 3));
        machine.assertInvariant();
    }

    @Test
    void faultWhileClosingAProcEjectsAndKeepsTheOtherProcsServed() {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        EngineHarness machine = machine("good", new LruTestPolicy("good"), bad);
        ProcEntry web = machine.proc("web", 2);
        ProcEntry batch = machine.proc("batch", 2);
        machine.swap(PolicyKind.THREAD_PICK, "bad");
        bad.arm(Fault.WRONG_IDLE_COUNT);
        machine.close(web);
        assertEquals("good", machine.status().threadPick().active());
        assertNotNull(machine.grant(batch, 1));
        assertNotNull(machine.grant(batch, 2));
        machine.assertInvariant();
    }

    @Test
    void ejectedPolicyIsNotChosenAgainUntilItIsRegisteredAnew() {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad", Fault.PICK_THROWS);
        EngineHarness machine = machine("good", bad, new LruTestPolicy("good"));
        // The swap to "bad" works (its pickers build), the first grant ejects it.
        ProcEntry web = machine.proc("web", 2);
        machine.swap(PolicyKind.THREAD_PICK, "bad");
        assertNotNull(machine.grant(web, 1));
        assertEquals("good", machine.status().threadPick().active());
        machine.addPolicy(new LruTestPolicy("unrelated"));
        assertEquals("good", machine.status().threadPick().active(), "the ejected registration stays out");
        machine.removePolicy(bad);
        machine.addPolicy(new LruTestPolicy("bad"));
        assertEquals("bad", machine.status().threadPick().active(), "a new registration is activated");
        machine.assertInvariant();
    }

    private static PolicyInfo policy(EngineHarness machine, String name) {
        return machine.policies().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
