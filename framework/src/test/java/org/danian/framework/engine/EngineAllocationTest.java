package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.CoreTopology;
import org.danian.spi.Priority;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.alloc.CoreSet;
import org.junit.jupiter.api.Test;

/**
 * {@code simple} driven by the real loop (deterministic): congestion gets cores by its ladder,
 * a latency-critical proc takes a best-effort proc's core by a cooperative cede, guarantees
 * are honoured; and the allocator seam's swap and failsafe.
 */
class EngineAllocationTest {

    private static final long POLL = 10_000;

    /** Cores 0..3 in sibling pairs; the scheduler on 0; workers 1, 2, 3. */
    private final EngineHarness machine = new EngineHarness(CoreTopology.siblingPairs(4), "simple", 1, 2, 3);

    @Test
    void congestionGetsCoresByTheLadderAndAnIdleKThreadReturnsToItsLastCore() {
        ProcEntry web = machine.start("web", 2, Priority.LATENCY_CRITICAL, 0, 2, POLL);
        machine.offer(web, 0);
        machine.step(POLL); // parked with work: congested; rung 3, the lowest idle core
        assertSame(web, machine.context.owner(1));
        KThreadEntry first = machine.run(web);
        machine.step(POLL); // skipped after the grant
        machine.offer(web, first.id());
        machine.step(POLL);
        machine.step(POLL); // delay reached the threshold: a second core
        assertEquals(2, machine.context.coresHeld(web));
        KThreadEntry second = machine.run(web);
        int secondCore = second.core;
        assertTrue(secondCore == 2 || secondCore == 3);

        machine.park(first, 1);
        machine.park(second, secondCore);
        machine.step(1);
        assertEquals(0, machine.context.coresHeld(web));
        machine.offer(web, second.id());
        long hitsBefore = machine.metrics.globalSnapshot().counts().localityHits();
        machine.step(POLL); // rung 2: a core an idle kthread last ran on; the picker takes that kthread
        KThreadEntry again = machine.run(web);
        assertEquals(again.lastCore, again.core);
        assertEquals(hitsBefore + 1, machine.metrics.globalSnapshot().counts().localityHits(), "counted once");
        machine.assertInvariant();
    }

    @Test
    void aLatencyCriticalProcTakesTheCoreOfABestEffortProcThatCedes() {
        EngineHarness small = new EngineHarness(CoreTopology.noSiblings(2), "simple", 1);
        ProcEntry batch = small.start("batch", 1, Priority.BEST_EFFORT, 0, 1, POLL);
        ProcEntry web = small.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        small.offer(batch, 0);
        small.step(POLL);
        KThreadEntry batchKThread = small.run(batch);
        small.offer(web, 0);
        small.step(POLL); // web parked with work: congested; the only core is batch's, preemptible
        assertSame(web, small.context.owner(1));
        assertTrue(small.cedeRequested(1), "batch's kthread is asked to cede between tasks");
        small.step(POLL);
        assertEquals(batchKThread.cedingCore, 1, "still leaving until it parks");

        small.park(batchKThread, 1);
        KThreadEntry webKThread = small.run(web);
        small.step(1);
        assertEquals(1, webKThread.core);
        assertTrue(batchKThread.idle);
        small.offer(batch, 0);
        small.step(POLL);
        assertSame(web, small.context.owner(1), "best effort never takes a core back from latency-critical");
        small.park(webKThread, 1);
        small.step(POLL); // the idle core goes to the waiting best-effort proc
        assertSame(batch, small.context.owner(1));
        small.assertInvariant();
    }

    @Test
    void aGuaranteeIsKeptAndAProcWhoseGuaranteeDoesNotFitIsRefused() {
        ProcEntry reserved = machine.start("reserved", 3, Priority.LATENCY_CRITICAL, 2, 3, POLL);
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> machine.start("greedy", 2, Priority.LATENCY_CRITICAL, 2, 2, POLL));
        assertTrue(refused.getMessage().contains("greedy"), refused.getMessage());
        assertEquals(List.of(reserved), machine.table.procs(), "the refused proc was rolled back");
    }

    @Test
    void aSwapAttachesEveryLiveProcAndKeepsCoreOwners() {
        ProcEntry web = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        ProcEntry batch = machine.start("batch", 1, Priority.BEST_EFFORT, 0, 1, POLL);
        machine.offer(web, 0);
        machine.step(POLL);
        machine.run(web);
        machine.scheduler.configure("lru", EngineHarness.DIRECTED);
        assertEquals(EngineHarness.DIRECTED, machine.status().coreAllocation().active());
        assertEquals(List.of("attach web", "attach batch"), machine.heard);
        assertSame(web, machine.context.owner(1));
        assertEquals(batch, machine.table.procs().get(1));
    }

    @Test
    void anAllocatorThatThrowsIsEjectedAndSimpleTakesOver() {
        machine.registry.add(PolicyEntry.coreAllocation(new Throwing(), PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        machine.scheduler.configure("lru", "throwing");
        assertEquals("throwing", machine.status().coreAllocation().active());
        ProcEntry web = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        machine.offer(web, 0);
        machine.step(POLL); // congestion() throws: ejected; simple attaches web and serves it
        assertEquals("simple", machine.status().coreAllocation().active());
        PolicyEvent event = machine.status().events().get(0);
        assertEquals(PolicyEvent.Type.EJECTED, event.type());
        assertEquals("throwing", event.policy());
        assertEquals("simple", event.fallback());
        machine.step(POLL);
        assertSame(web, machine.context.owner(1), "served by the fallback");
        assertTrue(machine.policies().stream().anyMatch(info -> info.name().equals("throwing")
                && info.ejected()));
    }

    @Test
    void aSwapWhoseAttachRefusesIsAbandoned() {
        machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        machine.registry.add(PolicyEntry.coreAllocation(new Refusing(), PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        machine.scheduler.configure("lru", "refusing");
        assertEquals("simple", machine.status().coreAllocation().active());
        PolicyEvent event = machine.status().events().get(0);
        assertEquals(PolicyEvent.Type.SWAP_FAILED, event.type());
        assertEquals("refusing", event.policy());
        assertEquals("simple", event.fallback(), "simple stays active");
    }

    @Test
    void anExplicitSwapOfTheAllocatorIsCountedAndFallsBackToSimpleWhenItLeaves() {
        ProcEntry web = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        SwapResult swapped = machine.swap(PolicyKind.CORE_ALLOCATION, EngineHarness.DIRECTED);
        assertEquals(SwapResult.Outcome.SWAPPED, swapped.outcome());
        assertEquals(PolicyKind.CORE_ALLOCATION, swapped.kind());
        assertEquals("simple", swapped.previous());
        assertEquals(EngineHarness.DIRECTED, machine.status().coreAllocation().configured(), "the swap is the target");
        assertEquals(SwapResult.Outcome.ALREADY_ACTIVE,
                machine.swap(PolicyKind.CORE_ALLOCATION, EngineHarness.DIRECTED).outcome());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> machine.swap(PolicyKind.CORE_ALLOCATION, "lru"));
        assertEquals("unknown core-allocation policy 'lru'; valid names: directed, simple", unknown.getMessage());
        assertEquals(2, machine.status().coreAllocation().swaps(), "the first activation and the swap");
        machine.removePolicy(machine.registry.find(PolicyKind.CORE_ALLOCATION, EngineHarness.DIRECTED,
                entry -> true).service());
        assertEquals("simple", machine.status().coreAllocation().active(), "the last good allocator");
        PolicyEvent gone = machine.status().events().get(0);
        assertEquals(PolicyEvent.Type.UNREGISTERED, gone.type());
        assertEquals(PolicyKind.CORE_ALLOCATION, gone.kind());
        machine.offer(web, 0);
        machine.step(POLL);
        assertSame(web, machine.context.owner(1), "simple serves the proc it attached on the way back");
        machine.assertInvariant();
    }

    @Test
    void withNoAllocatorLeftAProcWithQueuedWorkGetsOneIdleCoreByTheBuiltInRule() {
        machine.registry.add(PolicyEntry.coreAllocation(new Throwing(), PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        machine.scheduler.configure("lru", "throwing");
        machine.removePolicy(machine.registry.find(PolicyKind.CORE_ALLOCATION, "simple", entry -> true).service());
        ProcEntry web = machine.start("web", 2, Priority.LATENCY_CRITICAL, 0, 2, POLL);
        machine.offer(web, 0);
        machine.step(POLL); // congestion() throws: ejected, and no rung of the ladder is left
        assertNull(machine.status().coreAllocation().active());
        String warning = machine.status().warnings().get(0);
        assertTrue(warning.contains("no core-allocation policy is active") && warning.contains("built-in rule"),
                warning);
        assertSame(web, machine.context.owner(1), "the built-in rule: the lowest idle worker core");
        KThreadEntry running = machine.run(web);
        machine.offer(web, running.id());
        machine.offer(web, 1 - running.id());
        machine.step(POLL);
        machine.step(POLL);
        assertEquals(1, machine.context.coresHeld(web), "never a second core");
        machine.assertInvariant();
    }

    /** An allocator that accepts procs and throws on congestion. */
    private static final class Throwing implements CoreAllocationPolicy {
        @Override
        public String name() {
            return "throwing";
        }

        @Override
        public CoreAllocator newAllocator(AllocationContext context) {
            return new CoreAllocator() {
                @Override
                public boolean attach(ProcView proc) {
                    return true;
                }

                @Override
                public void detach(ProcView proc) {
                }

                @Override
                public void congestion(ProcView proc, boolean congested, long delayNanos) {
                    throw new IllegalStateException("broken on purpose");
                }

                @Override
                public void coreNeeded(ProcView proc) {
                }

                @Override
                public void poll(long nowNanos, CoreSet newlyIdle) {
                }
            };
        }
    }

    /** An allocator that refuses every proc. */
    private static final class Refusing implements CoreAllocationPolicy {
        @Override
        public String name() {
            return "refusing";
        }

        @Override
        public CoreAllocator newAllocator(AllocationContext context) {
            CoreAllocator simple = new org.danian.framework.alloc.SimpleAllocationPolicy().newAllocator(context);
            return new CoreAllocator() {
                @Override
                public boolean attach(ProcView proc) {
                    return false;
                }

                @Override
                public void detach(ProcView proc) {
                }

                @Override
                public void congestion(ProcView proc, boolean congested, long delayNanos) {
                }

                @Override
                public void coreNeeded(ProcView proc) {
                }

                @Override
                public void poll(long nowNanos, CoreSet newlyIdle) {
                    simple.poll(nowNanos, newlyIdle);
                }
            };
        }
    }
}
