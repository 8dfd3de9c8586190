package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.spi.CoreTopology;
import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.danian.spi.alloc.testing.FakeProc.Where;
import org.junit.jupiter.api.Test;

/**
 * Who may take a core from whom: only from an owner above its guarantee, by a requester below
 * its own guarantee or a latency-critical requester from a best-effort owner. Four cores
 * without siblings, all busy, so every grant here is a preemption or nothing.
 */
class SimplePreemptionTest {

    private final FakeMachine machine = new FakeMachine(CoreTopology.noSiblings(4), 0, 1, 2, 3);
    private final Harness harness = new Harness(machine);

    private void placeOnAllCores(FakeProc proc) {
        for (int core = 0; core < 4; core++) {
            machine.place(proc, core);
        }
    }

    @Test
    void latencyCriticalTakesFromBestEffortAboveItsGuarantee() {
        FakeProc bestEffort = FakeProc.be(1, 4, 1, 4);
        FakeProc latencyCritical = FakeProc.lc(2, 2, 0, 2);
        placeOnAllCores(bestEffort);
        harness.attach(bestEffort, latencyCritical);

        harness.congested(latencyCritical);

        FakeMachine.Grant grant = machine.lastGrant();
        assertSame(latencyCritical, grant.proc());
        assertSame(bestEffort, grant.preempted());
        assertEquals(3, harness.allocator.activeCores(bestEffort));
        harness.assertLedgerAgrees(bestEffort, latencyCritical);
    }

    @Test
    void latencyCriticalTakesBestEffortCoresOnlyDownToTheGuarantee() {
        FakeProc bestEffort = FakeProc.be(1, 4, 2, 4);
        FakeProc latencyCritical = FakeProc.lc(2, 4, 0, 4);
        placeOnAllCores(bestEffort);
        harness.attach(bestEffort, latencyCritical);

        for (int interval = 0; interval < 4; interval++) {
            harness.calm(latencyCritical);
            harness.congested(latencyCritical);
        }

        assertEquals(2, machine.grants().size());
        assertEquals(2, machine.coresHeld(bestEffort));
        assertTrue(harness.allocator.isCongested(latencyCritical));
        harness.assertLedgerAgrees(bestEffort, latencyCritical);
    }

    @Test
    void noCoreIsTakenFromAnOwnerAtItsGuarantee() {
        FakeProc bestEffort = FakeProc.be(1, 2, 2, 2);
        FakeProc latencyCritical = FakeProc.lc(2, 2, 0, 2);
        FakeProc hungry = FakeProc.lc(3, 2, 1, 2);
        machine.place(bestEffort, 0);
        machine.place(bestEffort, 1);
        machine.place(latencyCritical, 2);
        machine.place(latencyCritical, 3);
        harness.attach(bestEffort, latencyCritical, hungry);

        harness.congested(hungry);

        // hungry is below its guarantee, but the only owner above its own is latencyCritical.
        assertSame(latencyCritical, machine.lastGrant().preempted());
        harness.calm(hungry);
        harness.congested(latencyCritical);
        assertEquals(1, machine.grants().size(), "nobody is above its guarantee any more");
    }

    @Test
    void bestEffortCannotTakeFromLatencyCritical() {
        FakeProc latencyCritical = FakeProc.lc(1, 4, 0, 4);
        FakeProc bestEffort = FakeProc.be(2, 2, 0, 2);
        placeOnAllCores(latencyCritical);
        harness.attach(latencyCritical, bestEffort);

        harness.congested(bestEffort);

        assertEquals(0, machine.grants().size());
        assertTrue(harness.allocator.isCongested(bestEffort));
    }

    @Test
    void latencyCriticalCannotTakeFromLatencyCriticalAboveItsGuaranteeWithoutNeed() {
        FakeProc owner = FakeProc.lc(1, 4, 0, 4);
        FakeProc other = FakeProc.lc(2, 2, 0, 2);
        placeOnAllCores(owner);
        harness.attach(owner, other);

        harness.congested(other);

        assertEquals(0, machine.grants().size());
    }

    @Test
    void bestEffortBelowItsGuaranteeTakesFromLatencyCriticalAboveItsOwn() {
        FakeProc latencyCritical = FakeProc.lc(1, 4, 1, 4);
        FakeProc bestEffort = FakeProc.be(2, 2, 2, 2);
        placeOnAllCores(latencyCritical);
        harness.attach(latencyCritical, bestEffort);

        harness.congested(bestEffort);
        harness.calm(bestEffort);
        harness.congested(bestEffort);
        harness.calm(bestEffort);
        harness.congested(bestEffort);

        assertEquals(2, machine.grants().size(), "the guarantee of two, and no more");
        assertTrue(machine.grants().stream().allMatch(Harness::preemptionAllowed));
        assertEquals(2, machine.coresHeld(bestEffort));
        harness.assertLedgerAgrees(latencyCritical, bestEffort);
    }

    @Test
    void aWaitingProcBelowItsGuaranteeRetriesEveryInterval() {
        FakeProc owner = FakeProc.lc(1, 4, 0, 4);
        FakeProc guaranteed = FakeProc.be(2, 1, 1, 1);
        placeOnAllCores(owner);
        guaranteed.kthread(0).moveTo(Where.IN_TRANSIT);
        harness.attach(owner, guaranteed);
        harness.congested(guaranteed);
        assertEquals(0, machine.grants().size(), "no idle kthread yet");
        assertTrue(harness.allocator.isCongested(guaranteed));

        guaranteed.kthread(0).moveTo(Where.IDLE);
        harness.congested(guaranteed);

        assertSame(guaranteed, machine.lastGrant().proc());
        assertSame(owner, machine.lastGrant().preempted());
    }

    @Test
    void aWaitingProcAtItsGuaranteeTriesTheLadderAgainAtItsNextCongestedVerdict() {
        FakeProc bestEffort = FakeProc.be(1, 4, 0, 4);
        FakeProc latencyCritical = FakeProc.lc(2, 1, 0, 1);
        placeOnAllCores(bestEffort);
        latencyCritical.kthread(0).moveTo(Where.IN_TRANSIT);
        harness.attach(bestEffort, latencyCritical);
        harness.congested(latencyCritical);
        assertEquals(0, machine.grants().size(), "no idle kthread yet");
        assertTrue(harness.allocator.isCongested(latencyCritical));

        latencyCritical.kthread(0).moveTo(Where.IDLE);
        harness.congested(latencyCritical);

        assertSame(latencyCritical, machine.lastGrant().proc(), "it does not wait for a core to free up");
        assertSame(bestEffort, machine.lastGrant().preempted());
        harness.assertLedgerAgrees(bestEffort, latencyCritical);
    }

    @Test
    void thePreemptedBestEffortProcGetsTheCoreBackWhenItFrees() {
        FakeProc bestEffort = FakeProc.be(1, 4, 0, 4);
        FakeProc latencyCritical = FakeProc.lc(2, 1, 0, 1);
        placeOnAllCores(bestEffort);
        harness.attach(bestEffort, latencyCritical);
        harness.congested(latencyCritical);
        int taken = machine.lastGrant().core();
        machine.completeCedes();

        harness.congested(bestEffort);
        assertEquals(1, machine.grants().size(), "best-effort cannot take it back");
        assertTrue(harness.allocator.isCongested(bestEffort));

        harness.parkAndPoll(taken);
        harness.assertLastGrant(taken, bestEffort);
        harness.assertLedgerAgrees(bestEffort, latencyCritical);
    }
}
