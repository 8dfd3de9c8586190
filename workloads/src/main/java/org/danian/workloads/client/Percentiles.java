package org.danian.workloads.client;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles from an HdrHistogram of nanoseconds, with Caladan's rank rule: the
 * p-th percentile of {@code count} values is the value at index ⌊count·p/100⌋ of the sorted
 * values. When requests were lost, {@code count} is the number sent, and an index past the
 * replies received is infinite: a lost request counts as infinitely slow.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** Value in microseconds, or {@link Double#POSITIVE_INFINITY}. */
    public static double micros(Histogram histogram, long count, double percentile) {
        long received = histogram.getTotalCount();
        long index = (long) (count * percentile / 100.0);
        if (received == 0 || index >= received) {
            return Double.POSITIVE_INFINITY;
        }
        double rankPercentile = 100.0 * (index + 1) / received;
        return histogram.getValueAtPercentile(rankPercentile) / 1000.0;
    }

    /** One decimal, or {@code inf} as Caladan's client prints an infinite percentile. */
    public static String oneDecimal(double micros) {
        return Double.isInfinite(micros) ? "inf" : String.format(java.util.Locale.ROOT, "%.1f", micros);
    }

    static Histogram newHistogram() {
        return new Histogram(3); // auto-resizing, three significant digits
    }
}
