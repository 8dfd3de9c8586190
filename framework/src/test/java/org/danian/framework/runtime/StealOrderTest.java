package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.junit.jupiter.api.Test;

class StealOrderTest {

    private static final CoreTopology PAIRS = CoreTopology.siblingPairs(8);
    private static final IntUnaryOperator NOBODY = core -> -1;

    private static List<Integer> round(StealOrder order, int core, IntUnaryOperator kthreadOnCore) {
        order.start(core, kthreadOnCore);
        List<Integer> victims = new ArrayList<>();
        for (int victim = order.next(); victim != StealOrder.NONE; victim = order.next()) {
            victims.add(victim);
        }
        return victims;
    }

    @Test
    void theSiblingsKthreadComesFirstThenEveryOtherOnce() {
        StealOrder order = new StealOrder(2, 6, PAIRS, 11);
        // kthread 2 runs on core 4; its sibling core 5 runs kthread 4.
        List<Integer> victims = round(order, 4, core -> core == 5 ? 4 : -1);
        assertEquals(4, victims.get(0));
        assertEquals(5, victims.size(), victims.toString());
        assertEquals(Set.of(0, 1, 3, 4, 5), new HashSet<>(victims));
    }

    @Test
    void theRestFollowsInCircularOrderFromARandomStart() {
        StealOrder order = new StealOrder(0, 5, PAIRS, 3);
        List<Integer> victims = round(order, 0, NOBODY);
        assertEquals(4, victims.size());
        for (int i = 1; i < victims.size(); i++) {
            int step = Math.floorMod(victims.get(i) - victims.get(i - 1), 5);
            assertTrue(step == 1 || (step == 2 && Math.floorMod(victims.get(i) - 1, 5) == 0),
                    "consecutive, skipping only this kthread: " + victims);
        }
    }

    @Test
    void randomStartsSpreadOverVictimsAndRepeatFromTheSeed() {
        StealOrder first = new StealOrder(0, 8, PAIRS, 99);
        StealOrder again = new StealOrder(0, 8, PAIRS, 99);
        Set<Integer> firstVictims = new HashSet<>();
        for (int r = 0; r < 200; r++) {
            List<Integer> victims = round(first, 2, NOBODY);
            assertEquals(victims, round(again, 2, NOBODY), "same seed, same order");
            firstVictims.add(victims.get(0));
        }
        assertEquals(7, firstVictims.size(), "every other kthread leads some round: " + firstVictims);
    }

    @Test
    void noSiblingRungWhenTheSiblingRunsNobodyOfThisProcOrThisKthread() {
        StealOrder order = new StealOrder(1, 3, PAIRS, 5);
        assertEquals(2, round(order, 2, NOBODY).size());
        assertEquals(2, round(order, 2, core -> 1).size(), "the sibling core runs this kthread itself");
        assertEquals(2, round(order, 2, core -> 17).size(), "an index outside the proc is ignored");
        assertEquals(2, round(order, KThreadView.NO_CORE, core -> 0).size(), "no core, no sibling");
        assertEquals(2, round(new StealOrder(1, 3, CoreTopology.noSiblings(4), 5), 2, core -> 0).size());
    }

    @Test
    void aLoneKthreadHasNoVictimsAndAFreshOrderOffersNothing() {
        assertEquals(List.of(), round(new StealOrder(0, 1, PAIRS, 1), 0, NOBODY));
        assertEquals(StealOrder.NONE, new StealOrder(0, 4, PAIRS, 1).next());
    }

    @Test
    void aKthreadOutsideItsProcIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new StealOrder(4, 4, PAIRS, 1));
        assertTrue(e.getMessage().contains("4"), e.getMessage());
    }
}
