package org.danian.framework.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.danian.kernel.MetricsSnapshot;
import org.junit.jupiter.api.Test;

/**
 * A latency distribution carries its values per fixed bucket (Prometheus's "le" bounds, 1 µs
 * to 1 s) and their sum, beside its percentiles, so distributions from several procs or nodes
 * can be added.
 */
class LatencyBucketsTest {

    @Test
    void valuesLandInTheBucketWhoseBoundTheyDoNotExceed() {
        LatencyRecorder recorder = new LatencyRecorder();
        recorder.record(500);            // ≤ 1 µs
        recorder.record(1_000);          // exactly 1 µs: still ≤ 1 µs
        recorder.record(1_500);          // ≤ 2 µs
        recorder.record(150_000);        // ≤ 200 µs
        recorder.record(3_000_000_000L); // above every bound
        MetricsSnapshot.Latency latency = recorder.read();

        List<Long> bounds = MetricsSnapshot.Latency.BUCKET_BOUNDS_NANOS;
        assertEquals(bounds.size() + 1, latency.bucketCounts().size());
        assertEquals(2, latency.bucketCounts().get(0));
        assertEquals(1, latency.bucketCounts().get(bounds.indexOf(2_000L)));
        assertEquals(1, latency.bucketCounts().get(bounds.indexOf(200_000L)));
        assertEquals(1, latency.bucketCounts().get(bounds.size()));
        assertEquals(5, latency.bucketCounts().stream().mapToLong(Long::longValue).sum());
        assertEquals(3_000_153_000L, latency.sumNanos(), 3_000_153_000L / 100.0, "the sum, within 1%");
    }

    @Test
    void bucketsOfTheWrongNumberAreRefusedNamingBoth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MetricsSnapshot.Latency(1, 1, 1, 1, 1, 1, 1, List.of(1L)));
        assertEquals("expected " + (MetricsSnapshot.Latency.BUCKET_BOUNDS_NANOS.size() + 1)
                + " bucket counts, got 1", e.getMessage());
    }
}
