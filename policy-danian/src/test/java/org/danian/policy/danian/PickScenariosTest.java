package org.danian.policy.danian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.junit.jupiter.api.Test;

/**
 * Small hand-made situations, one per rung or corner case of the two pickers, each named by
 * what it shows. Kthreads are parked in the order given, so the last one parked is the head
 * and the first one the tail.
 */
class PickScenariosTest {

    private static final CoreTopology PAIRS = CoreTopology.siblingPairs(8);

    private final TestProc proc = new TestProc(0, 6);

    /** Runs kthread {@code id} on {@code core} and parks it from there. */
    private void parkFrom(ThreadPicker picker, int id, int core) {
        TestKThread kthread = proc.kthread(id);
        kthread.lastCore(core);
        picker.parked(kthread, core);
    }

    private int pick(ThreadPicker picker, int core) {
        KThreadView picked = picker.pick(core);
        proc.kthread(picked.id()).lastCore(core);
        return picked.id();
    }

    @Test
    void danianWithAnEmptyMemoTakesTheTailInsteadOfDereferencingNull() {
        ThreadPicker danian = new DanianPickPolicy().newPicker(proc, PAIRS);
        parkFrom(danian, 0, KThreadView.NO_CORE);
        parkFrom(danian, 1, 2);
        assertEquals(0, pick(danian, 5), "core 5 never ran a kthread: the tail");
    }

    @Test
    void danianPrefersTheMemoOverTheTail() {
        ThreadPicker danian = new DanianPickPolicy().newPicker(proc, PAIRS);
        parkFrom(danian, 0, 1);
        parkFrom(danian, 1, 3);
        parkFrom(danian, 2, 5);
        assertEquals(1, pick(danian, 3));
    }

    @Test
    void danianNeverReturnsARemovedMemo() {
        ThreadPicker danian = new DanianPickPolicy().newPicker(proc, PAIRS);
        parkFrom(danian, 0, 1);
        parkFrom(danian, 1, 3);
        danian.removed(proc.kthread(1));
        assertEquals(0, pick(danian, 3), "the memo of core 3 left the idle set: the tail");
    }

    @Test
    void danianKeepsOneMemoPerCoreSoAReplayedIdleSetLosesLocality() {
        // A swap replays an idle set in which kthreads 1 and 2 both parked from core 3: the
        // memo keeps only kthread 2. Once it runs, core 3 gets the tail although kthread 1
        // last ran there (caladan and danian-exact would pick kthread 1).
        ThreadPicker danian = new DanianPickPolicy().newPicker(proc, PAIRS);
        parkFrom(danian, 0, 7);
        parkFrom(danian, 1, 3);
        parkFrom(danian, 2, 3);
        assertEquals(2, pick(danian, 3));
        assertEquals(0, pick(danian, 3), "the memo of core 3 is busy: the tail");
    }

    @Test
    void danianHasNoSiblingRung() {
        ThreadPicker danian = new DanianPickPolicy().newPicker(proc, PAIRS);
        parkFrom(danian, 0, 7);
        parkFrom(danian, 1, 4);
        assertEquals(0, pick(danian, 5), "core 5's sibling 4 ran kthread 1, but danian takes the tail");
    }

    @Test
    void exactTakesTheMostRecentlyParkedOnTheCore() {
        ThreadPicker exact = new DanianExactPickPolicy().newPicker(proc, PAIRS);
        parkFrom(exact, 0, 3);
        parkFrom(exact, 1, 3);
        parkFrom(exact, 2, 6);
        assertEquals(1, pick(exact, 3));
        assertEquals(0, pick(exact, 3));
    }

    @Test
    void exactFallsToTheSiblingThenTheTail() {
        ThreadPicker exact = new DanianExactPickPolicy().newPicker(proc, PAIRS);
        parkFrom(exact, 0, KThreadView.NO_CORE);
        parkFrom(exact, 1, 6);
        parkFrom(exact, 2, 4);
        assertEquals(2, pick(exact, 5), "core 5: nothing parked there, kthread 2 parked from sibling 4");
        assertEquals(0, pick(exact, 5), "nothing on 5 or 4 any more: the tail, which never ran");
        assertEquals(1, pick(exact, 0));
    }

    @Test
    void exactForgetsARemovedKThreadInItsCoreList() {
        ThreadPicker exact = new DanianExactPickPolicy().newPicker(proc, PAIRS);
        parkFrom(exact, 0, 2);
        parkFrom(exact, 1, 3);
        parkFrom(exact, 2, 3);
        exact.removed(proc.kthread(2));
        assertEquals(1, pick(exact, 3));
    }

    @Test
    void parkingTwiceOrFromAnUnknownCoreIsRefused() {
        for (ThreadPicker picker : new ThreadPicker[] {
            new DanianPickPolicy().newPicker(proc, PAIRS), new DanianExactPickPolicy().newPicker(proc, PAIRS)}) {
            parkFrom(picker, 0, 1);
            assertThrows(IllegalStateException.class, () -> picker.parked(proc.kthread(0), 1));
            assertThrows(IllegalArgumentException.class, () -> picker.parked(proc.kthread(1), 8));
            assertThrows(IllegalStateException.class, () -> picker.removed(proc.kthread(1)));
            assertEquals(1, picker.idleCount());
        }
    }
}
