package org.danian.workloads.experiment;

import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The mean of a few repeated measurements with its 95% confidence interval (Student's t with
 * n − 1 degrees of freedom, the usual interval for a handful of repeats whose spread is not
 * known beforehand), and Welch's t-test between two such sets. With one measurement there is
 * no interval: {@link #halfWidth()} is NaN and the report says so.
 *
 * @param mean the mean
 * @param halfWidth half the width of the 95% interval (mean ± halfWidth); NaN for n &lt; 2
 * @param n how many measurements
 * @param values the measurements
 */
record Interval(double mean, double halfWidth, int n, double[] values) {

    /** The significance level of {@link #differsFrom}. */
    static final double ALPHA = 0.05;

    /** The interval of {@code values}; n = 0 gives a NaN mean. */
    static Interval of(double[] values) {
        SummaryStatistics statistics = new SummaryStatistics();
        for (double value : values) {
            statistics.addValue(value);
        }
        long n = statistics.getN();
        double half = Double.NaN;
        if (n >= 2) {
            double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - ALPHA / 2);
            half = t * statistics.getStandardDeviation() / Math.sqrt(n);
        }
        return new Interval(n == 0 ? Double.NaN : statistics.getMean(), half, (int) n, values.clone());
    }

    boolean known() {
        return n > 0;
    }

    /**
     * Welch's two-sided t-test p-value against {@code other}; NaN if either has fewer than two
     * measurements (or both sets are constant and equal).
     */
    double pValue(Interval other) {
        if (n < 2 || other.n < 2) {
            return Double.NaN;
        }
        double p = new TTest().tTest(values, other.values);
        return p;
    }

    /** Whether the difference from {@code other} is significant at {@link #ALPHA}; false if untestable. */
    boolean differsFrom(Interval other) {
        double p = pValue(other);
        return !Double.isNaN(p) && p < ALPHA;
    }

    /** "mean ± half" with {@code decimals} decimals, "mean" for n = 1, "n/a" for n = 0. */
    String format(int decimals) {
        if (!known()) {
            return PointResult.NOT_AVAILABLE;
        }
        String pattern = "%." + decimals + "f";
        String text = String.format(Locale.ROOT, pattern, mean);
        return Double.isNaN(halfWidth) ? text : text + " ± " + String.format(Locale.ROOT, pattern, halfWidth);
    }
}
