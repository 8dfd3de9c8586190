package org.danian.framework.metrics;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.SingleWriterRecorder;
import org.danian.kernel.MetricsSnapshot;

/**
 * A latency distribution in nanoseconds: an HdrHistogram {@link SingleWriterRecorder} the
 * scheduler thread records into, and a cumulative histogram that readers fold the recorder's
 * intervals into.
 *
 * <p>Writer: {@link #record} is wait-free and allocation-free (the recorder's
 * {@code WriterReaderPhaser} critical section is two atomic increments around a count
 * increment in a pre-sized histogram; values outside the range are clamped, so no exception
 * is ever thrown). Readers: {@link #read} is synchronized on this recorder; it swaps the
 * recorder's active histogram, adds the interval to the cumulative histogram and reads the
 * percentiles from that, all on the reader's thread.
 */
final class LatencyRecorder {

    /** Largest recorded value: 10 s; anything slower is counted as 10 s. */
    static final long HIGHEST_NANOS = 10_000_000_000L;
    /**
     * Two significant digits (a value is known within 1%): enough for percentiles, and a
     * histogram of 1 ns to 10 s stays near 30 KB, which matters with three per distribution
     * per proc.
     */
    static final int SIGNIFICANT_DIGITS = 2;

    private final SingleWriterRecorder recorder = new SingleWriterRecorder(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private final Histogram cumulative = new Histogram(1, HIGHEST_NANOS, SIGNIFICANT_DIGITS);
    private Histogram recycled;

    /** Writer only: records one value, clamped to {@code [0, HIGHEST_NANOS]}. */
    void record(long nanos) {
        recorder.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_NANOS));
    }

    /** Any thread: the distribution of everything recorded so far. */
    synchronized MetricsSnapshot.Latency read() {
        recycled = recorder.getIntervalHistogram(recycled);
        cumulative.add(recycled);
        if (cumulative.getTotalCount() == 0) {
            return MetricsSnapshot.Latency.EMPTY;
        }
        return new MetricsSnapshot.Latency(cumulative.getTotalCount(),
                cumulative.getValueAtPercentile(50), cumulative.getValueAtPercentile(90),
                cumulative.getValueAtPercentile(99), cumulative.getValueAtPercentile(99.9),
                cumulative.getMaxValue(), Math.round(cumulative.getMean() * cumulative.getTotalCount()),
                buckets(cumulative));
    }

    /** Values per bucket of {@link MetricsSnapshot.Latency#BUCKET_BOUNDS_NANOS}, from the recorded values. */
    private static List<Long> buckets(Histogram histogram) {
        List<Long> bounds = MetricsSnapshot.Latency.BUCKET_BOUNDS_NANOS;
        long[] counts = new long[bounds.size() + 1];
        for (HistogramIterationValue value : histogram.recordedValues()) {
            // A recorded value stands for its 1% sub-bucket; its lowest value decides, so a value recorded
            // exactly at a bound counts at or below it, as Prometheus's "le" says.
            long nanos = histogram.lowestEquivalentValue(value.getValueIteratedTo());
            int bucket = 0;
            while (bucket < bounds.size() && nanos > bounds.get(bucket)) {
                bucket++;
            }
            counts[bucket] += value.getCountAtValueIteratedTo();
        }
        List<Long> out = new ArrayList<>(counts.length);
        for (long count : counts) {
            out.add(count);
        }
        return out;
    }
}
