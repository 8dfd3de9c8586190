package org.danian.framework.engine;

import static org.danian.framework.engine.KernelFixture.assertInvariant;
import static org.danian.framework.engine.KernelFixture.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.List;

import org.danian.framework.engine.FaultyTestPolicy.Fault;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FailsafeTest {

    private final RecordingLogger logger = new RecordingLogger();

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"PICK_THROWS", "FOREIGN_KTHREAD", "NOT_IDLE_KTHREAD",
        "NULL_WHILE_IDLE", "WRONG_IDLE_COUNT"})
    void faultyPickIsEjectedToTheLastGoodPolicyAndTheGrantIsServed(Fault fault) {
        LruTestPolicy good = new LruTestPolicy("good");
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        Kernel kernel = KernelFixture.started(logger, "good", good, bad, new LruTestPolicy("caladan"));
        try {
            ProcView web = proc(kernel, "web", 3);
            KThreadView first = kernel.grant(web, 0);
            kernel.swapThreadPickPolicy("bad");
            bad.arm(fault);

            KThreadView served = kernel.grant(web, 1);

            assertNotNull(served, "the grant that revealed the fault is served by the fallback");
            assertSame(web, served.proc());
            assertEquals(1, served.lastCore());
            KernelStatus status = kernel.status();
            assertEquals("good", status.activeThreadPick(), "last good policy, not caladan");
            assertEquals(1, status.ejections());
            PolicyEvent event = status.events().get(status.events().size() - 1);
            assertEquals(PolicyEvent.Type.EJECTED, event.type());
            assertEquals("bad", event.policy());
            assertEquals("good", event.fallback());
            assertTrue(event.reason().contains(fault.reasonFragment), event.reason());
            assertEquals(1, logger.at(Level.WARNING).size(), "logged once");
            assertTrue(logger.at(Level.WARNING).get(0).message().contains("'bad'"));
            assertTrue(policy(kernel, "bad").ejected());
            kernel.park(first);
            kernel.park(served);
            assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }

    @Test
    void faultyParkIsEjectedAndTheParkedKThreadIsKept() {
        LruTestPolicy good = new LruTestPolicy("good");
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        Kernel kernel = KernelFixture.started(logger, "bad", good, bad);
        try {
            ProcView web = proc(kernel, "web", 2);
            KThreadView running = kernel.grant(web, 2);
            bad.arm(Fault.PARKED_THROWS);
            kernel.park(running);
            assertEquals(2, kernel.status().procs().get(0).idleCount());
            assertNotNull(kernel.grant(web, 0));
            assertNotNull(kernel.grant(web, 1), "both kthreads are in the fallback's idle set");
            assertEquals(1, kernel.status().ejections());
            assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }

    @Test
    void withoutLastGoodTheKernelFallsBackToCaladan() {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        Kernel kernel = KernelFixture.started(logger, "bad", bad, new LruTestPolicy("zeta"),
                new LruTestPolicy("caladan"));
        try {
            ProcView web = proc(kernel, "web", 2);
            bad.arm(Fault.PICK_THROWS);
            assertNotNull(kernel.grant(web, 0));
            assertEquals("caladan", kernel.activeThreadPickPolicy().orElseThrow());
            assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }

    @Test
    void ladderGoesFromLastGoodToCaladanAsEachIsEjected() {
        FaultyTestPolicy first = new FaultyTestPolicy("first");
        FaultyTestPolicy second = new FaultyTestPolicy("second");
        Kernel kernel = KernelFixture.started(logger, "first", first, second, new LruTestPolicy("caladan"));
        try {
            ProcView web = proc(kernel, "web", 4);
            kernel.swapThreadPickPolicy("second");
            second.arm(Fault.NULL_WHILE_IDLE);
            assertNotNull(kernel.grant(web, 0));
            assertEquals("first", kernel.activeThreadPickPolicy().orElseThrow(), "rung 1: last good");
            first.arm(Fault.FOREIGN_KTHREAD);
            assertNotNull(kernel.grant(web, 1));
            assertEquals("caladan", kernel.activeThreadPickPolicy().orElseThrow(), "rung 2: caladan");
            assertEquals(2, kernel.status().ejections());
            assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }

    @Test
    void withoutCaladanTheKernelSaysSoAndServesGrantsItself() {
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        Kernel kernel = KernelFixture.started(logger, "bad", bad);
        try {
            ProcView web = proc(kernel, "web", 3);
            KThreadView never = web.kthread(0);
            bad.arm(Fault.PICK_THROWS);
            KThreadView served = kernel.grant(web, 0);
            assertSame(never, served, "built-in rule: the least recently parked kthread");
            KernelStatus status = kernel.status();
            assertNull(status.activeThreadPick());
            assertTrue(status.warnings().get(0).contains("caladan is not installed or was ejected"),
                    status.warnings().toString());
            assertTrue(logger.at(Level.WARNING).get(0).message().contains("no thread-pick policy is active"));
            kernel.park(served);
            assertNotNull(kernel.grant(web, 1));
            assertNotNull(kernel.grant(web, 2));
            assertNotNull(kernel.grant(web, 3));
            assertNull(kernel.grant(web, 0), "all three kthreads run");
            assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }

    @Test
    void faultWhileClosingAProcEjectsAndKeepsTheOtherProcsServed() {
        LruTestPolicy good = new LruTestPolicy("good");
        FaultyTestPolicy bad = new FaultyTestPolicy("bad");
        Kernel kernel = KernelFixture.started(logger, "good", good, bad);
        try {
            ProcView web = proc(kernel, "web", 2);
            ProcView batch = proc(kernel, "batch", 2);
            kernel.swapThreadPickPolicy("bad");
            bad.arm(Fault.WRONG_IDLE_COUNT);
            kernel.closeProc(web);
            assertEquals("good", kernel.activeThreadPickPolicy().orElseThrow());
            assertNotNull(kernel.grant(batch, 0));
            assertNotNull(kernel.grant(batch, 1));
            assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }

    @Test
    void ejectedPolicyIsNotChosenAgainUntilItIsRegisteredAnew() {
        LruTestPolicy good = new LruTestPolicy("good");
        FaultyTestPolicy bad = new FaultyTestPolicy("bad", Fault.PICK_THROWS);
        Kernel kernel = KernelFixture.started(logger, "good", bad, good);
        try {
            // The swap to "bad" works (its pickers build), the first grant ejects it.
            ProcView web = proc(kernel, "web", 2);
            kernel.swapThreadPickPolicy("bad");
            assertNotNull(kernel.grant(web, 0));
            assertEquals("good", kernel.activeThreadPickPolicy().orElseThrow());
            kernel.addPolicy(new LruTestPolicy("unrelated"));
            assertEquals("good", kernel.activeThreadPickPolicy().orElseThrow(), "the ejected registration stays out");
            kernel.removePolicy(bad);
            kernel.addPolicy(new LruTestPolicy("bad"));
            assertEquals("bad", kernel.activeThreadPickPolicy().orElseThrow(), "a new registration is activated");
            assertInvariant(kernel);
        } finally {
            kernel.stop();
        }
    }

    private static PolicyInfo policy(Kernel kernel, String name) {
        List<PolicyInfo> policies = kernel.policies();
        return policies.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
}
