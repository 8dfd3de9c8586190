package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class IdleStrategyTest {

    @Test
    void strategiesAreChosenByName() {
        assertInstanceOf(SpinIdle.class, IdleStrategy.named("spin"));
        assertInstanceOf(BackoffIdle.class, IdleStrategy.named(" Backoff "));
        assertEquals("block", IdleStrategy.named(IdleStrategy.DEFAULT).name());
        assertEquals("block", IdleStrategy.named("BLOCK").name());
        assertEquals("backoff", IdleStrategy.named("backoff").name());
        assertEquals("spin", IdleStrategy.spin().name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdleStrategy.named("sleep"));
        assertTrue(e.getMessage().contains("sleep"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdleStrategy.named(null));
    }

    @Test
    void backoffSpinsThenYieldsThenParksWithGrowingCappedParks() {
        BackoffIdle backoff = new BackoffIdle(3, 2, 1_000, 3_000);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, backoff.phase());
            backoff.idle();
        }
        for (int i = 0; i < 2; i++) {
            assertEquals(1, backoff.phase());
            backoff.idle();
        }
        assertEquals(2, backoff.phase());
        assertEquals(1_000, backoff.nextParkNanos());
        backoff.idle();
        assertEquals(2_000, backoff.nextParkNanos());
        backoff.idle();
        assertEquals(3_000, backoff.nextParkNanos(), "capped");
        backoff.idle();
        assertEquals(3_000, backoff.nextParkNanos());
    }

    @Test
    void blockPollsBrieflyThenWaitsAndNeverYields() {
        RecordingWaiter waiter = new RecordingWaiter();
        BackoffIdle block = BackoffIdle.blocking();
        block.waitWith(waiter);
        for (int i = 0; i < BackoffIdle.BLOCK_SPINS; i++) {
            assertEquals(0, block.phase(), "a poll, not a yield");
            block.idle();
        }
        assertEquals(List.of(), waiter.waits);

        waiter.blocks = false; // a core is granted: short parks that grow, never a yield
        block.idle();
        block.idle();
        assertEquals(2, block.phase());
        assertEquals(List.of(BackoffIdle.DEFAULT_MIN_PARK_NANOS, 2 * BackoffIdle.DEFAULT_MIN_PARK_NANOS),
                waiter.waits);

        waiter.blocks = true; // only a packet can bring work: the bounded blocking wait at once
        block.idle();
        assertEquals(BackoffIdle.DEFAULT_MAX_PARK_NANOS, waiter.waits.get(2));

        block.reset();
        assertEquals(0, block.phase());
    }

    @Test
    void thePollsBeforeABlockingWaitShrinkWhileTheyCatchNothingAndGrowWhenTheyDo() {
        RecordingWaiter waiter = new RecordingWaiter();
        waiter.blocks = true; // only a packet can bring work
        BackoffIdle block = BackoffIdle.blocking();
        block.waitWith(waiter);

        // Requests far apart: every idle period polls, then waits, then the packet comes.
        List<Integer> polls = new ArrayList<>();
        for (int request = 0; request < 6; request++) {
            polls.add(pollsThenWait(block, waiter));
            block.reset();
        }
        assertEquals(List.of(BackoffIdle.BLOCK_SPINS, 5, 2, 1, 0, 0), polls);

        // An empty budget probes with the whole one after PROBE_PERIOD waits.
        for (int request = 0; request < BackoffIdle.PROBE_PERIOD - 2; request++) {
            assertEquals(0, pollsThenWait(block, waiter));
            block.reset();
        }
        assertEquals(BackoffIdle.BLOCK_SPINS, block.pollBudget(), "the probe");

        // A dense stream: work comes during the third poll, before any wait.
        block.idle();
        block.idle();
        block.idle();
        int waitsBefore = waiter.waits.size();
        block.reset();
        assertEquals(BackoffIdle.BLOCK_SPINS, block.pollBudget(), "caught work keeps the whole budget");
        assertEquals(waitsBefore, waiter.waits.size());

        // Grown back from a small budget by successes: 1 -> 3 -> 7 -> 10.
        for (int request = 0; request < 3; request++) {
            pollsThenWait(block, waiter);
            block.reset();
        }
        assertEquals(1, block.pollBudget());
        List<Integer> budgets = new ArrayList<>();
        for (int request = 0; request < 3; request++) {
            block.idle(); // one poll, then work
            block.reset();
            budgets.add(block.pollBudget());
        }
        assertEquals(List.of(3, 7, BackoffIdle.BLOCK_SPINS), budgets);
    }

    /** Idles until the strategy waits on the work source; returns the polls made before it. */
    private static int pollsThenWait(BackoffIdle block, RecordingWaiter waiter) {
        int waits = waiter.waits.size();
        int polls = 0;
        while (true) {
            block.idle();
            if (waiter.waits.size() > waits) {
                assertEquals(BackoffIdle.DEFAULT_MAX_PARK_NANOS, waiter.waits.get(waits), "the blocking wait");
                return polls;
            }
            polls++;
        }
    }

    @Test
    void workResetsTheBackoff() {
        BackoffIdle backoff = new BackoffIdle(1, 1, 1_000, 8_000);
        for (int i = 0; i < 4; i++) {
            backoff.idle();
        }
        assertEquals(2, backoff.phase());
        backoff.reset();
        assertEquals(0, backoff.phase());
        assertEquals(1_000, backoff.nextParkNanos());
    }

    @Test
    void backoffWaitsOnTheWorkSourceAfterTheBlockingSpinsWhenItCan() {
        RecordingWaiter waiter = new RecordingWaiter();
        BackoffIdle backoff = new BackoffIdle(10, 5, 2, 1_000, 3_000);
        backoff.waitWith(waiter);

        waiter.blocks = true;
        backoff.idle();
        backoff.idle();
        assertEquals(List.of(), waiter.waits, "the blocking spins come first");
        backoff.idle();
        backoff.idle();
        assertEquals(List.of(3_000L, 3_000L), waiter.waits, "then the longest wait, at once");

        waiter.blocks = false; // a core was granted meanwhile: back to the spin phase
        backoff.idle();
        assertEquals(0, backoff.phase());
        assertEquals(2, waiter.waits.size());
    }

    @Test
    void backoffParksThroughItsWaiter() {
        RecordingWaiter waiter = new RecordingWaiter();
        BackoffIdle backoff = new BackoffIdle(1, 0, 1_000, 8_000);
        backoff.waitWith(waiter);
        backoff.idle();
        backoff.idle();
        backoff.idle();
        assertEquals(List.of(1_000L, 2_000L), waiter.waits);
        assertThrows(NullPointerException.class, () -> backoff.waitWith(null));
    }

    /** Records each wait instead of waiting. */
    private static final class RecordingWaiter implements IdleWaiter {
        final List<Long> waits = new ArrayList<>();
        boolean blocks;

        @Override
        public boolean blocksOnWork() {
            return blocks;
        }

        @Override
        public void await(long nanos) {
            waits.add(nanos);
        }
    }

    @Test
    void spinNeverBlocks() {
        IdleStrategy spin = IdleStrategy.spin();
        for (int i = 0; i < 10_000; i++) {
            spin.idle();
        }
        spin.reset();
        assertEquals("spin", spin.name());
    }

    @Test
    void invalidBackoffStepsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdle(-1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdle(0, 0, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdle(0, 0, 10, 5));
        assertThrows(IllegalArgumentException.class, () -> new BackoffIdle(0, 0, -1, 1, 1));
    }
}
