package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.framework.alloc.SimpleUnderAnotherName;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.Test;

/** Policies coming and going, and configuration changes, on live procs (deterministic harness). */
class PolicyLifecycleTest {

    private final LruTestPolicy caladan = new LruTestPolicy("caladan");
    private final EngineHarness machine = new EngineHarness(CoreTopology.siblingPairs(4), "wanted",
            EngineHarness.DIRECTED, 1, 2, 3);

    PolicyLifecycleTest() {
        machine.addPolicy(caladan);
    }

    @Test
    void configuredPolicyAppearingLaterIsActivatedWithTheIdleSetsIntact() {
        ProcEntry web = machine.proc("web", 3);
        KThreadEntry running = machine.grant(web, 1);
        assertEquals("caladan", machine.status().threadPick().active(), "meanwhile, the reference");
        assertTrue(machine.status().warnings().get(0).contains("'wanted' is not active"));

        LruTestPolicy wanted = new LruTestPolicy("wanted");
        machine.addPolicy(wanted);

        assertEquals("wanted", machine.status().threadPick().active());
        assertEquals(List.of("0/1", "0/2"), wanted.parkLog, "idle set replayed");
        machine.park(running);
        machine.assertInvariant();
    }

    @Test
    void activePolicyGoingAwayFallsBackAndComesBackWhenRegisteredAgain() {
        LruTestPolicy wanted = new LruTestPolicy("wanted");
        machine.addPolicy(wanted);
        ProcEntry web = machine.proc("web", 2);
        machine.grant(web, 1);

        machine.removePolicy(wanted);

        KernelStatus status = machine.status();
        assertEquals("caladan", status.threadPick().active());
        PolicyEvent event = status.events().get(status.events().size() - 1);
        assertEquals(PolicyEvent.Type.UNREGISTERED, event.type());
        assertEquals("wanted", event.policy());
        assertEquals(0, status.threadPick().ejections(), "going away is not a fault");
        assertNotNull(machine.grant(web, 2));
        machine.assertInvariant();

        machine.addPolicy(new LruTestPolicy("wanted"));
        assertEquals("wanted", machine.status().threadPick().active());
        machine.assertInvariant();
    }

    @Test
    void removingEveryPolicyLeavesTheBuiltInRuleAndALaterOneIsTaken() {
        ProcEntry web = machine.proc("web", 2);
        machine.removePolicy(caladan);
        machine.removePolicy(machine.registry.find(PolicyKind.THREAD_PICK, "lru", entry -> true).service());
        assertNull(machine.status().threadPick().active());
        assertNotNull(machine.grant(web, 1), "the kernel serves grants itself");
        machine.addPolicy(new LruTestPolicy("caladan"));
        assertEquals("caladan", machine.status().threadPick().active());
        machine.assertInvariant();
    }

    @Test
    void configurationChangeSwapsBothSlotsToTheNewTargets() {
        machine.addPolicy(new LruTestPolicy("other"));
        machine.proc("web", 2);
        machine.configure("other", "simple");
        KernelStatus status = machine.status();
        assertEquals("other", status.threadPick().active());
        assertEquals("other", status.threadPick().configured());
        assertEquals("simple", status.coreAllocation().active());
        assertEquals("simple", status.coreAllocation().configured());
        machine.assertInvariant();
    }

    @Test
    void policiesListsBothKindsWithTheActiveOnesMarked() {
        machine.addPolicy(new SimpleUnderAnotherName("lottery"));
        machine.addPolicy(new LruTestPolicy("wanted"));

        List<PolicyInfo> policies = machine.policies();

        assertEquals(List.of("caladan", "lru", "wanted", "directed", "lottery", "simple"),
                policies.stream().map(PolicyInfo::name).toList());
        assertEquals(List.of(PolicyKind.THREAD_PICK, PolicyKind.THREAD_PICK, PolicyKind.THREAD_PICK,
                PolicyKind.CORE_ALLOCATION, PolicyKind.CORE_ALLOCATION, PolicyKind.CORE_ALLOCATION),
                policies.stream().map(PolicyInfo::kind).toList());
        assertEquals(List.of(false, false, true, true, false, false), policies.stream().map(PolicyInfo::active).toList());
        assertFalse(policies.get(0).ejected());
        assertEquals(EngineHarness.DIRECTED, machine.status().coreAllocation().active());
    }
}
