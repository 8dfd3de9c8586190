package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Means, 95% intervals and Welch's test of repeated measurements. */
class IntervalTest {

    @Test
    void theIntervalIsStudentsTWithNMinusOneDegreesOfFreedom() {
        Interval three = Interval.of(new double[] {10, 12, 14});
        assertEquals(12, three.mean(), 1e-12);
        // s = 2, t(0.975, 2) = 4.3027: 4.3027 · 2 / √3
        assertEquals(4.3027 * 2 / Math.sqrt(3), three.halfWidth(), 1e-3);
        assertEquals("12.0 ± 5.0", three.format(1));
    }

    @Test
    void oneMeasurementHasNoIntervalAndNoneIsNotAvailable() {
        Interval one = Interval.of(new double[] {7});
        assertTrue(Double.isNaN(one.halfWidth()));
        assertEquals("7.00", one.format(2));
        assertEquals("n/a", Interval.of(new double[0]).format(1));
        assertFalse(Interval.of(new double[0]).known());
    }

    @Test
    void welchsTestTellsNoiseFromADifference() {
        Interval caladan = Interval.of(new double[] {40_500, 43_300, 59_700});
        Interval noisy = Interval.of(new double[] {45_000, 41_000, 52_000});
        Interval clearlyLower = Interval.of(new double[] {20_000, 20_100, 19_900});
        assertFalse(noisy.differsFrom(caladan), "p = " + noisy.pValue(caladan));
        assertTrue(clearlyLower.differsFrom(Interval.of(new double[] {40_000, 40_100, 39_900})));
        assertTrue(Double.isNaN(Interval.of(new double[] {1}).pValue(caladan)), "one repeat cannot be tested");
        assertFalse(Interval.of(new double[] {1}).differsFrom(caladan));
    }
}
