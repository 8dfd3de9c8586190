package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.List;

import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyKind;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.Test;

/**
 * The slow-pick watchdog on the deterministic harness, with a policy that really spins: a
 * slow pick is counted and warned about once; the strikes-th slow pick in a row ejects the
 * policy to the last good one, and the grant is still served. Spins are of 2 ms against a
 * 200 µs budget, so the machine's load cannot make a slow pick look fast; a fast pick can look
 * slow only if the OS preempts it, which the tests allow by not counting on it being fast
 * except for one reset.
 */
class PickWatchdogTest {

    private static final long BUDGET_NANOS = 200_000;
    private static final long SPIN_NANOS = 2_000_000;
    private static final int STRIKES = 3;

    private final SlowPickTestPolicy slow = new SlowPickTestPolicy("slow");
    private final EngineHarness machine = new EngineHarness(CoreTopology.siblingPairs(4), "good",
            EngineHarness.DIRECTED, BUDGET_NANOS, STRIKES, 1, 2, 3);
    private final ProcEntry web;

    PickWatchdogTest() {
        machine.addPolicy(new LruTestPolicy("good"));
        machine.addPolicy(slow);
        web = machine.proc("web", 3);
        machine.swap(PolicyKind.THREAD_PICK, "slow");
        slow.spin(SPIN_NANOS);
    }

    /** Grants core 1 and parks the kthread back: one pick. */
    private KThreadEntry pickOnce() {
        KThreadEntry kthread = machine.grant(web, 1);
        assertNotNull(kthread, "the grant is served");
        machine.park(kthread);
        return kthread;
    }

    @Test
    void aSlowPickIsCountedAndWarnedAboutOnceWithoutEjection() {
        for (int i = 0; i < STRIKES - 1; i++) {
            pickOnce();
        }
        assertEquals("slow", machine.status().threadPick().active(), "fewer than the strikes do not eject");
        assertEquals(STRIKES - 1, machine.metrics.globalSnapshot().pickTotals().slowPicks());
        List<RecordingLogger.Entry> warnings = machine.logger.at(Level.WARNING);
        assertEquals(1, warnings.size(), "warned once per policy: " + warnings);
        assertTrue(warnings.get(0).message().contains("'slow'") && warnings.get(0).message().contains("budget"),
                warnings.get(0).message());
        machine.assertInvariant();
    }

    @Test
    void theStrikesThConsecutiveSlowPickEjectsThePolicyAndTheGrantIsServed() {
        for (int i = 0; i < STRIKES - 1; i++) {
            pickOnce();
        }
        KThreadEntry served = pickOnce();

        assertSame(web, served.proc());
        KernelStatus status = machine.status();
        assertEquals("good", status.threadPick().active(), "ejected to the last good policy");
        assertEquals(1, status.threadPick().ejections());
        PolicyEvent event = status.events().get(status.events().size() - 1);
        assertEquals(PolicyEvent.Type.EJECTED, event.type());
        assertEquals("slow", event.policy());
        assertTrue(event.reason().contains("consecutive pick over the budget of 200.0 µs"), event.reason());
        assertEquals(1, machine.metrics.globalSnapshot().ejectionsByPolicy().get("slow"));
        machine.assertInvariant();
    }

    @Test
    void aPickWithinTheBudgetResetsTheStrikes() {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < STRIKES - 1; i++) {
                pickOnce();
            }
            slow.spin(0);
            pickOnce(); // fast: the count of consecutive slow picks starts again
            slow.spin(SPIN_NANOS);
        }
        assertEquals("slow", machine.status().threadPick().active(),
                "never STRIKES in a row; only an OS preemption of the one fast pick per round could eject");
        assertEquals(3L * (STRIKES - 1), machine.metrics.globalSnapshot().pickTotals().slowPicks(), 1,
                "every spinning pick counted");
    }
}
