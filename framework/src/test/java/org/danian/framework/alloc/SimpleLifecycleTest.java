package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.spi.CoreTopology;
import org.danian.spi.alloc.testing.FakeCoreSet;
import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.danian.spi.alloc.testing.FakeProc.Where;
import org.junit.jupiter.api.Test;

/** Attach, detach, core-needed, the limits of a grant, and caller mistakes. */
class SimpleLifecycleTest {

    /** Four cores, core 0 the scheduler's: three schedulable cores 1, 2, 3. */
    private final FakeMachine machine = new FakeMachine(CoreTopology.siblingPairs(4), 1, 2, 3);
    private final Harness harness = new Harness(machine);

    @Test
    void policyIsNamedSimpleAndBuildsAllocators() {
        SimpleAllocationPolicy policy = new SimpleAllocationPolicy();
        assertEquals("simple", policy.name());
        assertTrue(policy.newAllocator(machine) instanceof SimpleAllocator);
        assertThrows(NullPointerException.class, () -> policy.newAllocator(null));
    }

    @Test
    void attachIsRefusedWhenGuaranteesExceedTheSchedulableCores() {
        assertTrue(harness.allocator.attach(FakeProc.lc(1, 2, 2, 2)));
        assertFalse(harness.allocator.attach(FakeProc.lc(2, 2, 2, 2)));
        assertTrue(harness.allocator.attach(FakeProc.be(3, 2, 1, 2)));
        assertFalse(harness.allocator.attach(FakeProc.be(4, 1, 1, 1)));
        assertTrue(harness.allocator.attach(FakeProc.be(5, 4, 0, 4)));
    }

    @Test
    void detachReleasesTheReservation() {
        FakeProc big = FakeProc.lc(1, 3, 3, 3);
        harness.attach(big);
        assertFalse(harness.allocator.attach(FakeProc.lc(2, 1, 1, 1)));

        harness.allocator.detach(big);

        assertTrue(harness.allocator.attach(FakeProc.lc(3, 3, 3, 3)));
    }

    @Test
    void detachForgetsTheProc() {
        FakeProc leaving = FakeProc.lc(1, 1, 0, 1);
        FakeProc filler = FakeProc.lc(2, 2, 0, 2);
        FakeProc waiting = FakeProc.lc(3, 1, 0, 1);
        machine.place(leaving, 1);
        machine.place(filler, 2);
        machine.place(filler, 3);
        harness.attach(leaving, filler, waiting);
        harness.congested(waiting);
        harness.parkAndPoll(1);
        harness.assertLastGrant(1, waiting);
        harness.congested(leaving);
        assertTrue(harness.allocator.isCongested(leaving));

        harness.allocator.detach(leaving);
        harness.parkAndPoll(1);

        assertEquals(1, machine.grants().size(), "core 1 remembered leaving, which is gone");
        assertEquals(-1, harness.allocator.activeCores(leaving));
        assertThrows(IllegalArgumentException.class, () -> harness.congested(leaving));
        assertThrows(IllegalArgumentException.class, () -> harness.allocator.detach(leaving));
    }

    @Test
    void aProcCanBeAttachedAgainAfterDetach() {
        FakeProc proc = FakeProc.lc(1, 2, 1, 2);
        harness.attach(proc);
        harness.allocator.detach(proc);

        harness.attach(proc);
        harness.congested(proc);

        harness.assertLastGrant(1, proc);
    }

    @Test
    void attachAdoptsTheCoresAProcAlreadyHolds() {
        FakeProc proc = FakeProc.lc(1, 3, 0, 2);
        machine.place(proc, 1);
        machine.place(proc, 3);
        harness.attach(proc);

        assertEquals(2, harness.allocator.activeCores(proc));
        harness.congested(proc);
        assertEquals(0, machine.grants().size(), "already at its maximum");
        harness.parkAndPoll(3);
        assertEquals(1, harness.allocator.activeCores(proc));
        harness.congested(proc);
        harness.assertLastGrant(3, proc);
    }

    @Test
    void coreNeededGrantsAnIdleCoreAtOnce() {
        FakeProc proc = FakeProc.lc(1, 2, 0, 2);
        harness.attach(proc);

        harness.allocator.coreNeeded(proc);

        harness.assertLastGrant(1, proc);
    }

    @Test
    void coreNeededWithoutAFreeCoreGetsTheNextIdleOne() {
        FakeProc filler = FakeProc.lc(1, 3, 0, 3);
        FakeProc proc = FakeProc.lc(2, 1, 0, 1);
        for (int core = 1; core <= 3; core++) {
            machine.place(filler, core);
        }
        harness.attach(filler, proc);

        harness.allocator.coreNeeded(proc);
        assertEquals(0, machine.grants().size());
        harness.parkAndPoll(2);

        harness.assertLastGrant(2, proc);
    }

    @Test
    void aCoreThatWentIdleWhileTheWaitingProcHadNoIdleKThreadGoesToItAtItsNextVerdict() {
        FakeProc filler = FakeProc.lc(1, 3, 0, 3);
        FakeProc proc = FakeProc.lc(2, 1, 0, 1);
        for (int core = 1; core <= 3; core++) {
            machine.place(filler, core);
        }
        proc.kthread(0).moveTo(Where.IN_TRANSIT); // still ceding a core it was preempted from
        harness.attach(filler, proc);
        harness.congested(proc);
        harness.parkAndPoll(2);
        assertEquals(0, machine.grants().size(), "it cannot take the idle core yet");

        proc.kthread(0).moveTo(Where.IDLE);
        harness.congested(proc);

        harness.assertLastGrant(2, proc);
    }

    @Test
    void aCalmVerdictEndsTheWait() {
        FakeProc filler = FakeProc.lc(1, 3, 0, 3);
        FakeProc proc = FakeProc.lc(2, 1, 0, 1);
        for (int core = 1; core <= 3; core++) {
            machine.place(filler, core);
        }
        harness.attach(filler, proc);
        harness.congested(proc);

        harness.calm(proc);
        harness.parkAndPoll(2);

        assertEquals(0, machine.grants().size());
    }

    @Test
    void noGrantToAProcAtItsMaximum() {
        FakeProc proc = FakeProc.lc(1, 3, 0, 1);
        harness.attach(proc);
        harness.congested(proc);
        assertEquals(1, machine.grants().size());

        harness.calm(proc);
        harness.congested(proc);
        harness.allocator.coreNeeded(proc);

        assertEquals(1, machine.grants().size());
        assertEquals(0, harness.allocator.refusedGrants());
    }

    @Test
    void noGrantToAProcWithoutAnIdleKThread() {
        FakeProc proc = FakeProc.lc(1, 2, 1, 2);
        proc.kthread(0).moveTo(Where.IN_TRANSIT);
        proc.kthread(1).moveTo(Where.IN_TRANSIT);
        harness.attach(proc);

        harness.congested(proc);
        harness.allocator.coreNeeded(proc);

        assertEquals(0, machine.grants().size());
        assertEquals(0, harness.allocator.refusedGrants());
    }

    @Test
    void callerMistakesAreRejectedWithTheBadValue() {
        FakeProc proc = FakeProc.lc(7, 1, 0, 1);
        harness.attach(proc);

        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> harness.allocator.attach(proc));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> harness.allocator.coreNeeded(FakeProc.lc(8, 1, 0, 1)));
        IllegalArgumentException scheduler = assertThrows(IllegalArgumentException.class,
                () -> harness.allocator.poll(0, new FakeCoreSet(0)));

        assertTrue(twice.getMessage().contains("7"), twice.getMessage());
        assertTrue(unknown.getMessage().contains("8"), unknown.getMessage());
        assertTrue(scheduler.getMessage().contains("0"), scheduler.getMessage());
    }
}
