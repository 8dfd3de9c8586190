package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.danian.framework.engine.FaultyTestPolicy.Fault;
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.ProcStatus;
import org.danian.kernel.SwapResult;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Thread-pick hot swaps on live procs (deterministic harness): transactional, in park order. */
class HotSwapTest {

    private final LruTestPolicy alpha = new LruTestPolicy("alpha");
    private final LruTestPolicy beta = new LruTestPolicy("beta");
    private final FaultyTestPolicy faulty = new FaultyTestPolicy("faulty");
    private final EngineHarness machine = new EngineHarness(CoreTopology.siblingPairs(4), "alpha",
            EngineHarness.DIRECTED, 1, 2, 3);

    HotSwapTest() {
        machine.addPolicy(alpha);
        machine.addPolicy(beta);
        machine.addPolicy(faulty);
    }

    @Test
    void swapReplaysEveryIdleSetInParkOrder() {
        ProcEntry web = machine.proc("web", 4);
        ProcEntry batch = machine.proc("batch", 3);
        List<KThreadEntry> running = new ArrayList<>();
        for (int core = 1; core <= 3; core++) {
            running.add(machine.grant(core % 2 == 0 ? batch : web, core));
        }
        machine.park(running.get(2));
        machine.park(running.get(1));
        machine.park(running.get(0));
        long swapsBefore = machine.status().threadPick().swaps();

        SwapResult result = machine.swap(PolicyKind.THREAD_PICK, "beta");

        assertEquals(SwapResult.Outcome.SWAPPED, result.outcome());
        assertEquals("alpha", result.previous());
        assertEquals(idleInParkOrder(machine.status()), beta.parkLog);
        assertEquals("beta", machine.status().threadPick().active());
        assertEquals(swapsBefore + 1, machine.status().threadPick().swaps());
        machine.assertInvariant();
    }

    /** Every idle kthread as "proc/kthread", proc by proc, each in park order: the replay's order. */
    private static List<String> idleInParkOrder(KernelStatus status) {
        record Idle(String key, int proc, long sequence) {
        }
        List<Idle> idle = new ArrayList<>();
        for (ProcStatus proc : status.procs()) {
            for (KThreadStatus kthread : proc.kthreads()) {
                if (kthread.state() == KThreadStatus.State.IDLE) {
                    idle.add(new Idle(proc.id() + "/" + kthread.id(), proc.id(), kthread.parkSequence()));
                }
            }
        }
        idle.sort(Comparator.comparingInt(Idle::proc).thenComparingLong(Idle::sequence));
        return idle.stream().map(Idle::key).toList();
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"NEW_PICKER_THROWS", "PARKED_THROWS", "WRONG_IDLE_COUNT"})
    void swapWhoseBuildFailsKeepsTheOldPolicyAndRecordsWhy(Fault fault) {
        ProcEntry web = machine.proc("web", 3);
        KThreadEntry running = machine.grant(web, 1);
        faulty.arm(fault);

        SwapResult result = machine.swap(PolicyKind.THREAD_PICK, "faulty");

        assertEquals(SwapResult.Outcome.FAILED, result.outcome());
        assertTrue(result.failureReason().contains(fault.reasonFragment), result.failureReason());
        KernelStatus status = machine.status();
        assertEquals("alpha", status.threadPick().active());
        assertEquals(1, status.threadPick().failedSwaps());
        assertEquals(0, status.threadPick().ejections());
        PolicyEvent event = status.events().get(0);
        assertEquals(PolicyEvent.Type.SWAP_FAILED, event.type());
        assertEquals("alpha", event.fallback());
        machine.park(running);
        assertNotNull(machine.grant(web, 2), "the old pickers still serve grants");
        machine.assertInvariant();
    }

    @Test
    void unknownNameIsRejectedWithTheValidNames() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> machine.swap(PolicyKind.THREAD_PICK, "nosuch"));
        assertEquals("unknown thread-pick policy 'nosuch'; valid names: alpha, beta, faulty, lru", unknown.getMessage());
    }

    @Test
    void swapToTheActivePolicyChangesNothing() {
        machine.proc("web", 2);
        int built = alpha.pickersBuilt;
        SwapResult result = machine.swap(PolicyKind.THREAD_PICK, "alpha");
        assertEquals(SwapResult.Outcome.ALREADY_ACTIVE, result.outcome());
        assertNull(result.failureReason());
        assertEquals(built, alpha.pickersBuilt);
    }

    @Test
    void thousandIdleKThreadsAreAllCarriedOverBySwaps() {
        ProcEntry big = machine.proc("big", 1000);
        for (int i = 0; i < 10; i++) {
            assertEquals(SwapResult.Outcome.SWAPPED,
                    machine.swap(PolicyKind.THREAD_PICK, i % 2 == 0 ? "beta" : "alpha").outcome());
        }
        assertEquals(1000, machine.status().procs().get(0).count(KThreadStatus.State.IDLE));
        for (int core = 1; core <= 3; core++) {
            assertNotNull(machine.grant(big, core));
        }
        machine.assertInvariant();
    }
}
