package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.danian.spi.alloc.testing.FakeProc.Where;
import org.junit.jupiter.api.Test;

/**
 * Who gets a core that became idle (simple.c's {@code simple_choose_kthread}): the congested
 * proc on the sibling, else a congested recent owner of the core or of the sibling, else the
 * congested proc that has waited longest, else nobody.
 *
 * <p>Four cores in sibling pairs (0,1) (2,3), all latency-critical procs without guarantees, so
 * nothing is preemptible and congested procs must wait for a core to free up. The scenario:
 * {@code x} runs on 0 and 1, {@code c} on 2, {@code a} on 3; {@code c} parks and core 2 goes
 * to {@code d}, so core 2's history is {@code [c]}; then {@code b}, {@code c}, {@code a} and
 * {@code e} become congested, in that order, and wait. The tests then let {@code d} park.
 */
class SimpleIdleCoreTest {

    private final FakeMachine machine = FakeMachine.siblingPairs(4);
    private final Harness harness = new Harness(machine);
    private final FakeProc x = FakeProc.lc(1, 2, 0, 2);
    private final FakeProc c = FakeProc.lc(3, 2, 0, 2);
    private final FakeProc b = FakeProc.lc(4, 1, 0, 1);
    private final FakeProc d = FakeProc.lc(5, 1, 0, 1);
    private final FakeProc e = FakeProc.lc(6, 1, 0, 1);
    private FakeProc a;

    private void scenario(int maxCoresOfA) {
        a = FakeProc.lc(2, 2, 0, maxCoresOfA);
        machine.place(x, 0);
        machine.place(x, 1);
        machine.place(c, 2);
        machine.place(a, 3);
        harness.attach(x, a, c, b, d, e);
        harness.congested(d);
        harness.parkAndPoll(2);
        harness.assertLastGrant(2, d);
        harness.calm(d);
        for (FakeProc proc : new FakeProc[] {b, c, a, e}) {
            harness.congested(proc);
        }
        assertEquals(1, machine.grants().size(), "everybody waits");
    }

    @Test
    void theSiblingsCongestedProcComesFirst() {
        scenario(2);

        harness.parkAndPoll(2);

        harness.assertLastGrant(2, a);
        harness.assertLedgerAgrees(a, b, c, d, e, x);
    }

    @Test
    void thenARecentOwnerOfTheCore() {
        scenario(2);
        harness.calm(a);

        harness.parkAndPoll(2);

        harness.assertLastGrant(2, c);
    }

    @Test
    void thenTheCongestedProcThatWaitedLongest() {
        scenario(2);
        harness.calm(a);
        harness.calm(c);

        harness.parkAndPoll(2);

        harness.assertLastGrant(2, b);
    }

    @Test
    void elseTheCoreStaysIdleForTheNextCongestedProc() {
        scenario(2);
        for (FakeProc proc : new FakeProc[] {a, b, c, e}) {
            harness.calm(proc);
        }

        harness.parkAndPoll(2);
        assertEquals(1, machine.grants().size());

        harness.congested(e);
        harness.assertLastGrant(2, e);
    }

    @Test
    void aCongestedSiblingAtItsMaximumIsPassedOver() {
        scenario(1);

        harness.parkAndPoll(2);

        harness.assertLastGrant(2, c);
    }

    @Test
    void aCongestedSiblingWithoutAnIdleKThreadIsPassedOver() {
        scenario(2);
        a.kthread(1).moveTo(Where.IN_TRANSIT);

        harness.parkAndPoll(2);

        harness.assertLastGrant(2, c);
    }

    @Test
    void theOwnerWhoseKThreadParkedIsNoLongerCongested() {
        scenario(2);

        harness.parkAndPoll(3);

        assertFalse(harness.allocator.isCongested(a));
        harness.assertLastGrant(3, c);
    }

    @Test
    void aRecentOwnerOfTheSiblingCountsLikeOneOfTheCore() {
        scenario(2);
        harness.calm(a);
        harness.calm(c);
        // Core 3: a parks, the core goes to the oldest waiter b; 3's history is now [a].
        harness.parkAndPoll(3);
        harness.assertLastGrant(3, b);
        harness.calm(b);
        harness.congested(a);

        harness.parkAndPoll(2);

        // d's core 2 has history [d, c]; its sibling 3 is b's (calm) with history [a, …].
        harness.assertLastGrant(2, a);
    }
}
