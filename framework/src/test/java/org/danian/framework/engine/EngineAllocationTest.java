package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.kernel.PolicyEvent;
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
        long hitsBefore = machine.engine.counters().localityHits;
        machine.step(POLL); // rung 2: a core an idle kthread last ran on; the picker takes that kthread
        KThreadEntry again = machine.run(web);
        assertEquals(again.lastCore, again.core);
        assertEquals(hitsBefore + 1, machine.engine.counters().localityHits);
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
        machine.scheduler.configure("lru", "recording");
        assertEquals("recording", machine.scheduler.status().activeCoreAllocation());
        assertEquals(List.of("attach web", "attach batch"), machine.heard);
        assertSame(web, machine.context.owner(1));
        assertEquals(batch, machine.table.procs().get(1));
    }

    @Test
    void anAllocatorThatThrowsIsEjectedAndSimpleTakesOver() {
        machine.registry.add(PolicyEntry.coreAllocation(new Throwing(), PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        machine.scheduler.configure("lru", "throwing");
        assertEquals("throwing", machine.scheduler.status().activeCoreAllocation());
        ProcEntry web = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        machine.offer(web, 0);
        machine.step(POLL); // congestion() throws: ejected; simple attaches web and serves it
        assertEquals("simple", machine.scheduler.status().activeCoreAllocation());
        PolicyEvent event = machine.scheduler.status().events().get(0);
        assertEquals(PolicyEvent.Type.EJECTED, event.type());
        assertEquals("throwing", event.policy());
        assertEquals("simple", event.fallback());
        machine.step(POLL);
        assertSame(web, machine.context.owner(1), "served by the fallback");
        assertTrue(machine.scheduler.policies().stream().anyMatch(info -> info.name().equals("throwing")
                && info.ejected()));
    }

    @Test
    void aSwapWhoseAttachRefusesIsAbandoned() {
        machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        machine.registry.add(PolicyEntry.coreAllocation(new Refusing(), PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        machine.scheduler.configure("lru", "refusing");
        assertEquals("simple", machine.scheduler.status().activeCoreAllocation());
        PolicyEvent event = machine.scheduler.status().events().get(0);
        assertEquals(PolicyEvent.Type.SWAP_FAILED, event.type());
        assertEquals("refusing", event.policy());
        assertEquals("simple", event.fallback(), "simple stays active");
    }

    @Test
    void callerDrivenProcsAreNotAttachedAndTheirCoresAreNeverPreempted() {
        ProcView manual = machine.scheduler.createProc(new org.danian.spi.ProcSpec("manual", 1,
                Priority.BEST_EFFORT, 0, 1, POLL, 1));
        machine.scheduler.grant(manual, 1);
        ProcEntry web = machine.start("web", 1, Priority.LATENCY_CRITICAL, 0, 1, POLL);
        assertFalse(machine.context.grant(1, web), "a caller-driven kthread cannot be asked to cede");
        assertThrows(IllegalArgumentException.class, () -> machine.scheduler.grant(web, 2));
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
