package org.danian.framework.metrics;

import java.util.concurrent.atomic.AtomicLong;

import org.danian.kernel.MetricsSnapshot;

/**
 * The sums behind {@link MetricsSnapshot.PickTotals}: the sampled picks' wall and CPU time,
 * the CPU samples' histogram, the clamped CPU samples and the slow picks. One writer, the
 * scheduler thread; the sums are plain counters published with release stores (the package's
 * ordering, {@link KernelMetrics}); {@link #read} may run on any thread. Recording allocates
 * nothing.
 */
final class PickTotalsRecorder {

    private final AtomicLong samples = new AtomicLong();
    private final AtomicLong wallNanos = new AtomicLong();
    private final AtomicLong cpuSamples = new AtomicLong();
    private final AtomicLong cpuNanos = new AtomicLong();
    private final LatencyRecorder cpuCost = new LatencyRecorder();
    private final AtomicLong cpuClamped = new AtomicLong();
    private final AtomicLong slowPicks = new AtomicLong();
    private volatile long cpuClockReadNanos = KernelMetrics.UNKNOWN_CPU;

    /**
     * One sampled pick: {@code wallNanos} of wall time (at least 0) and {@code cpuNanos} of CPU
     * time as measured, bracket included, or {@link KernelMetrics#UNKNOWN_CPU}. The calibrated
     * bracket is subtracted from this sample and the rest clamped to [0, wall].
     */
    void record(long wall, long cpuMeasured) {
        wallNanos.lazySet(wallNanos.get() + wall);
        long bracket = cpuClockReadNanos;
        if (cpuMeasured != KernelMetrics.UNKNOWN_CPU && bracket != KernelMetrics.UNKNOWN_CPU) {
            long calibrated = Math.max(0, cpuMeasured - bracket);
            long cpu = Math.min(wall, calibrated);
            if (calibrated > wall) {
                cpuClamped.lazySet(cpuClamped.get() + 1);
            }
            cpuCost.record(cpu);
            cpuNanos.lazySet(cpuNanos.get() + cpu);
            cpuSamples.lazySet(cpuSamples.get() + 1);
        }
        samples.lazySet(samples.get() + 1);
    }

    void cpuClockReadNanos(long nanos) {
        cpuClockReadNanos = nanos;
    }

    void slowPick() {
        slowPicks.lazySet(slowPicks.get() + 1);
    }

    // The sample count is read last: a sample recorded meanwhile is at worst counted in the
    // sums and not in the count, which the per-pick scaling smooths over.
    MetricsSnapshot.PickTotals read() {
        long wall = wallNanos.get();
        long cpu = cpuNanos.get();
        long cpuCount = cpuSamples.get();
        return new MetricsSnapshot.PickTotals(samples.get(), wall, cpuCount, cpu, cpuClockReadNanos, cpuCost.read(),
                slowPicks.get(), cpuClamped.get());
    }
}
