package org.danian.framework.engine;

import static org.danian.framework.engine.KernelFixture.assertInvariant;
import static org.danian.framework.engine.KernelFixture.proc;
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
import org.danian.kernel.ProcStatus;
import org.danian.kernel.SwapResult;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HotSwapTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final LruTestPolicy alpha = new LruTestPolicy("alpha");
    private final LruTestPolicy beta = new LruTestPolicy("beta");
    private final FaultyTestPolicy faulty = new FaultyTestPolicy("faulty");
    private final Kernel kernel = KernelFixture.started(logger, "alpha", alpha, beta, faulty);

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void swapReplaysEveryIdleSetInParkOrder() {
        ProcView web = proc(kernel, "web", 4);
        ProcView batch = proc(kernel, "batch", 3);
        List<KThreadView> running = new ArrayList<>();
        for (int core = 0; core < 4; core++) {
            running.add(kernel.grant(core % 2 == 0 ? web : batch, core));
        }
        kernel.park(running.get(2));
        kernel.park(running.get(1));
        kernel.park(running.get(0));

        SwapResult result = kernel.swapThreadPickPolicy("beta");

        assertEquals(SwapResult.Outcome.SWAPPED, result.outcome());
        assertEquals("alpha", result.previous());
        assertEquals(idleInParkOrder(kernel.status()), beta.parkLog);
        assertEquals("beta", kernel.activeThreadPickPolicy().orElseThrow());
        assertEquals(1, kernel.status().swaps() - 1, "one swap after the initial activation");
        assertInvariant(kernel);
    }

    /** Every idle kthread as "proc/kthread", ordered by park sequence: the kernel's park order. */
    private static List<String> idleInParkOrder(KernelStatus status) {
        record Idle(String key, long sequence) {
        }
        List<Idle> idle = new ArrayList<>();
        for (ProcStatus proc : status.procs()) {
            for (KThreadStatus kthread : proc.kthreads()) {
                if (!kthread.running()) {
                    idle.add(new Idle(proc.id() + "/" + kthread.id(), kthread.parkSequence()));
                }
            }
        }
        idle.sort(Comparator.comparingLong(Idle::sequence));
        List<String> keys = new ArrayList<>();
        idle.forEach(entry -> keys.add(entry.key()));
        // The replay goes proc by proc, each in park order.
        keys.sort(Comparator.comparing(key -> key.substring(0, key.indexOf('/'))));
        return keys;
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = {"NEW_PICKER_THROWS", "PARKED_THROWS", "WRONG_IDLE_COUNT"})
    void swapWhoseBuildFailsKeepsTheOldPolicyAndRecordsWhy(Fault fault) {
        ProcView web = proc(kernel, "web", 3);
        KThreadView running = kernel.grant(web, 0);
        faulty.arm(fault);

        SwapResult result = kernel.swapThreadPickPolicy("faulty");

        assertEquals(SwapResult.Outcome.FAILED, result.outcome());
        assertTrue(result.failureReason().contains(fault.reasonFragment), result.failureReason());
        KernelStatus status = kernel.status();
        assertEquals("alpha", status.activeThreadPick());
        assertEquals(1, status.failedSwaps());
        assertEquals(0, status.ejections());
        PolicyEvent event = status.events().get(0);
        assertEquals(PolicyEvent.Type.SWAP_FAILED, event.type());
        assertEquals("alpha", event.fallback());
        kernel.park(running);
        assertNotNull(kernel.grant(web, 1), "the old pickers still serve grants");
        assertInvariant(kernel);
    }

    @Test
    void unknownNameIsRejectedWithTheValidNames() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> kernel.swapThreadPickPolicy("nosuch"));
        assertEquals("unknown thread-pick policy 'nosuch'; valid names: alpha, beta, faulty", unknown.getMessage());
    }

    @Test
    void swapToTheActivePolicyChangesNothing() {
        proc(kernel, "web", 2);
        int built = alpha.pickersBuilt;
        SwapResult result = kernel.swapThreadPickPolicy("alpha");
        assertEquals(SwapResult.Outcome.ALREADY_ACTIVE, result.outcome());
        assertNull(result.failureReason());
        assertEquals(built, alpha.pickersBuilt);
    }

    @Test
    void thousandIdleKThreadsAreAllCarriedOverBySwaps() {
        ProcView big = proc(kernel, "big", 1000);
        for (int i = 0; i < 10; i++) {
            assertEquals(SwapResult.Outcome.SWAPPED, kernel.swapThreadPickPolicy(i % 2 == 0 ? "beta" : "alpha").outcome());
        }
        assertEquals(1000, kernel.status().procs().get(0).idleCount());
        for (int core = 0; core < KernelFixture.CORES; core++) {
            assertNotNull(kernel.grant(big, core));
        }
        assertInvariant(kernel);
    }
}
