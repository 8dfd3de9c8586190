package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Spin-then-park under a fake clock that advances 100 ns per reading. */
class SpinThenParkTest {

    private long now;
    private int clockReads;
    private final LongSupplier clock = () -> {
        clockReads++;
        return now += 100;
    };

    /** True from the {@code n}-th check on (1-based), counting checks. */
    private static final class ArrivesAt implements BooleanSupplier {
        final int at;
        int checks;

        ArrivesAt(int at) {
            this.at = at;
        }

        @Override
        public boolean getAsBoolean() {
            return ++checks >= at;
        }
    }

    @Test
    void workAlreadyThereCostsNoClockReading() {
        SpinThenPark spin = new SpinThenPark(2_000, clock);
        assertTrue(spin.awaitWork(new ArrivesAt(1)));
        assertEquals(0, clockReads);
    }

    @Test
    void workArrivingWithinTheSpinKeepsTheKthreadRunning() {
        SpinThenPark spin = new SpinThenPark(2_000, clock);
        ArrivesAt arrival = new ArrivesAt(10);
        assertTrue(spin.awaitWork(arrival));
        assertEquals(10, arrival.checks);
    }

    @Test
    void noWorkForTheWholeSpinMeansPark() {
        SpinThenPark spin = new SpinThenPark(2_000, clock);
        ArrivesAt never = new ArrivesAt(Integer.MAX_VALUE);
        assertFalse(spin.awaitWork(never));
        // One check before the clock starts, then one per 100 ns reading until 2 µs have passed.
        assertEquals(21, never.checks);
        assertEquals(21, clockReads);
    }

    @Test
    void aZeroSpinPollsOnceMore() {
        SpinThenPark spin = new SpinThenPark(0, clock);
        ArrivesAt never = new ArrivesAt(Integer.MAX_VALUE);
        assertFalse(spin.awaitWork(never));
        assertEquals(2, never.checks);
    }

    @Test
    void theDefaultIsCaladansTwoMicroseconds() {
        assertEquals(2_000, new SpinThenPark().spinNanos());
        assertFalse(new SpinThenPark().awaitWork(() -> false), "live clock: no work means park");
    }

    @Test
    void aNegativeSpinIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new SpinThenPark(-1, clock));
    }
}
