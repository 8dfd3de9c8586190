package org.danian.framework.engine;

import static org.danian.framework.engine.KernelFixture.assertInvariant;
import static org.danian.framework.engine.KernelFixture.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Policies coming and going, and configuration changes. */
class PolicyLifecycleTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final LruTestPolicy caladan = new LruTestPolicy("caladan");
    private final Kernel kernel = KernelFixture.started(logger, "wanted", caladan);

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void configuredPolicyAppearingLaterIsActivatedWithTheIdleSetsIntact() {
        ProcView web = proc(kernel, "web", 3);
        KThreadView running = kernel.grant(web, 0);
        assertEquals("caladan", kernel.activeThreadPickPolicy().orElseThrow(), "meanwhile, the reference");
        assertTrue(kernel.status().warnings().get(0).contains("'wanted' is not active"));

        LruTestPolicy wanted = new LruTestPolicy("wanted");
        kernel.addPolicy(wanted);

        assertEquals("wanted", kernel.activeThreadPickPolicy().orElseThrow());
        assertEquals(List.of("0/1", "0/2"), wanted.parkLog, "idle set replayed");
        kernel.park(running);
        assertInvariant(kernel);
    }

    @Test
    void activePolicyGoingAwayFallsBackAndComesBackWhenRegisteredAgain() {
        LruTestPolicy wanted = new LruTestPolicy("wanted");
        kernel.addPolicy(wanted);
        ProcView web = proc(kernel, "web", 2);
        kernel.grant(web, 1);

        kernel.removePolicy(wanted);

        KernelStatus status = kernel.status();
        assertEquals("caladan", status.activeThreadPick());
        PolicyEvent event = status.events().get(status.events().size() - 1);
        assertEquals(PolicyEvent.Type.UNREGISTERED, event.type());
        assertEquals("wanted", event.policy());
        assertEquals(0, status.ejections(), "going away is not a fault");
        assertNotNull(kernel.grant(web, 2));
        assertInvariant(kernel);

        kernel.addPolicy(new LruTestPolicy("wanted"));
        assertEquals("wanted", kernel.activeThreadPickPolicy().orElseThrow());
        assertInvariant(kernel);
    }

    @Test
    void removingTheLastPolicyLeavesTheBuiltInRuleAndALaterOneIsTaken() {
        ProcView web = proc(kernel, "web", 2);
        kernel.removePolicy(caladan);
        assertTrue(kernel.activeThreadPickPolicy().isEmpty());
        assertNotNull(kernel.grant(web, 0), "the kernel serves grants itself");
        kernel.addPolicy(new LruTestPolicy("caladan"));
        assertEquals("caladan", kernel.activeThreadPickPolicy().orElseThrow());
        assertInvariant(kernel);
    }

    @Test
    void configurationChangeSwapsToTheNewTarget() {
        kernel.addPolicy(new LruTestPolicy("other"));
        proc(kernel, "web", 2);
        kernel.configure("other", "simple");
        KernelStatus status = kernel.status();
        assertEquals("other", status.activeThreadPick());
        assertEquals("other", status.configuredThreadPick());
        assertInvariant(kernel);
    }

    @Test
    void policiesListsBothKindsWithTheActiveOnesMarked() {
        kernel.addPolicy(new TestAllocationPolicy("simple"));
        kernel.addPolicy(new TestAllocationPolicy("lottery"));
        kernel.addPolicy(new LruTestPolicy("wanted"));

        List<PolicyInfo> policies = kernel.policies();

        assertEquals(List.of("caladan", "wanted", "lottery", "simple"),
                policies.stream().map(PolicyInfo::name).toList());
        assertEquals(List.of(PolicyKind.THREAD_PICK, PolicyKind.THREAD_PICK, PolicyKind.CORE_ALLOCATION,
                PolicyKind.CORE_ALLOCATION), policies.stream().map(PolicyInfo::kind).toList());
        assertEquals(List.of(false, true, false, true), policies.stream().map(PolicyInfo::active).toList());
        assertFalse(policies.get(0).ejected());
        assertEquals("simple", kernel.status().activeCoreAllocation());
    }

    /** A core-allocation policy for listing tests: simple's allocator under another name. */
    record TestAllocationPolicy(String name) implements CoreAllocationPolicy {
        @Override
        public CoreAllocator newAllocator(AllocationContext context) {
            return new SimpleAllocationPolicy().newAllocator(context); // simple's rules, under this name
        }
    }
}
