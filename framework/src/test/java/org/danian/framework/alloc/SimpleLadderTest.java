package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The core a congested proc gets: simple.c's {@code simple_choose_core} ladder, rung by rung.
 * Eight cores in sibling pairs (0,1) (2,3) (4,5) (6,7). Proc {@code a} runs on core 2 and has
 * an idle kthread that last ran on core 5; each test takes away the rungs above the one it
 * checks, so a ladder in another order picks another core.
 */
class SimpleLadderTest {

    private final FakeMachine machine = FakeMachine.siblingPairs(8);
    private final Harness harness = new Harness(machine);
    private final FakeProc a = FakeProc.lc(1, 4, 0, 4);

    @BeforeEach
    void aRunsOnCoreTwoAndLastRanOnFive() {
        machine.place(a, 2);
        a.kthread(1).lastCore(5);
    }

    @Test
    void congestedProcGetsAnIdleCore() {
        FakeProc lone = FakeProc.lc(9, 2, 0, 2);
        harness.attach(lone);

        harness.congested(lone);

        assertEquals(1, machine.grants().size());
        assertSame(lone, machine.lastGrant().proc());
        assertNull(machine.lastGrant().preempted());
        harness.assertLedgerAgrees(lone);
    }

    @Test
    void rungOneIsTheSiblingOfACoreTheProcRunsOn() {
        harness.attach(a);

        harness.congested(a);

        harness.assertLastGrant(3, a);
    }

    @Test
    void rungTwoIsTheLastCoreOfAnIdleKThread() {
        FakeProc onThree = lcOn(2, 3);
        harness.attach(a, onThree);

        harness.congested(a);

        harness.assertLastGrant(5, a);
    }

    @Test
    void rungTwoFallsBackToTheSiblingOfThatLastCore() {
        FakeProc onThree = lcOn(2, 3);
        FakeProc onFive = lcOn(3, 5);
        harness.attach(a, onThree, onFive);

        harness.congested(a);

        harness.assertLastGrant(4, a);
    }

    @Test
    void rungThreeIsTheLowestIdleCore() {
        FakeProc onThree = lcOn(2, 3);
        FakeProc onFive = lcOn(3, 5);
        FakeProc onFour = lcOn(4, 4);
        FakeProc onZero = lcOn(5, 0);
        harness.attach(a, onThree, onFive, onFour, onZero);

        harness.congested(a);

        harness.assertLastGrant(1, a);
    }

    @Test
    void rungFourIsTheLowestPreemptibleCore() {
        FakeProc others = FakeProc.lc(2, 5, 0, 5);
        for (int core : new int[] {0, 1, 3, 4, 5}) {
            machine.place(others, core);
        }
        FakeProc bestEffortSix = FakeProc.be(3, 1, 0, 1);
        FakeProc bestEffortSeven = FakeProc.be(4, 1, 0, 1);
        machine.place(bestEffortSix, 6);
        machine.place(bestEffortSeven, 7);
        harness.attach(a, others, bestEffortSix, bestEffortSeven);

        harness.congested(a);

        assertSame(bestEffortSix, harness.assertLastGrant(6, a).preempted());
        harness.assertLedgerAgrees(a, bestEffortSix);
    }

    @Test
    void aLocalityRungTakesAPreemptibleWarmCoreBeforeAnIdleColdOne() {
        FakeProc bestEffortOnFive = FakeProc.be(2, 1, 0, 1);
        FakeProc onThree = lcOn(3, 3);
        machine.place(bestEffortOnFive, 5);
        harness.attach(a, bestEffortOnFive, onThree);

        harness.congested(a);

        assertSame(bestEffortOnFive, harness.assertLastGrant(5, a).preempted());
    }

    @Test
    void noRungYieldsACoreWhenNothingIsFreeOrPreemptible() {
        FakeProc others = FakeProc.lc(2, 7, 0, 7);
        for (int core : new int[] {0, 1, 3, 4, 5, 6, 7}) {
            machine.place(others, core);
        }
        harness.attach(a, others);

        harness.congested(a);

        assertEquals(0, machine.grants().size());
        assertEquals(true, harness.allocator.isCongested(a));
    }

    /** A latency-critical proc with one kthread, placed on {@code core}: never preemptible. */
    private FakeProc lcOn(int id, int core) {
        FakeProc proc = FakeProc.lc(id, 1, 0, 1);
        machine.place(proc, core);
        return proc;
    }
}
