package org.danian.framework.metrics;

import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.danian.kernel.MetricsSnapshot;

/** The MXBean implementations: each attribute read takes a fresh reading of the numbers. */
final class StatsBeans {

    private StatsBeans() {
    }

    /** The shared attributes, over a source of counts, core numbers and latencies. */
    private abstract static class Stats implements SchedulingStats {

        abstract int coresHeld();

        abstract double coreSeconds();

        abstract MetricsSnapshot.Counts counts();

        abstract MetricsSnapshot.Latency grantLatency();

        abstract MetricsSnapshot.Latency pickCost();

        @Override public int getCoresHeld() { return coresHeld(); }
        @Override public double getCoreSeconds() { return coreSeconds(); }
        @Override public long getGrants() { return counts().grants(); }
        @Override public long getPicks() { return counts().picks(); }
        @Override public long getLocalityHits() { return counts().localityHits(); }
        @Override public double getLocalityHitRate() { return counts().localityHitRate(); }
        @Override public long getMigrations() { return counts().migrations(); }
        @Override public long getGrantLatencyCount() { return grantLatency().count(); }
        @Override public double getGrantLatencyP50Micros() { return micros(grantLatency().p50Nanos()); }
        @Override public double getGrantLatencyP90Micros() { return micros(grantLatency().p90Nanos()); }
        @Override public double getGrantLatencyP99Micros() { return micros(grantLatency().p99Nanos()); }
        @Override public double getGrantLatencyP999Micros() { return micros(grantLatency().p999Nanos()); }
        @Override public double getGrantLatencyMaxMicros() { return micros(grantLatency().maxNanos()); }
        @Override public long getPickCostSamples() { return pickCost().count(); }
        @Override public long getPickCostP50Nanos() { return pickCost().p50Nanos(); }
        @Override public long getPickCostP99Nanos() { return pickCost().p99Nanos(); }

        private static double micros(long nanos) {
            return MetricsSnapshot.Latency.micros(nanos);
        }
    }

    /** {@code org.danian:type=Kernel}. */
    static final class Kernel extends Stats implements KernelMXBean {
        private final Supplier<MetricsSnapshot.Global> global;

        Kernel(Supplier<MetricsSnapshot.Global> global) {
            this.global = global;
        }

        @Override int coresHeld() { return global.get().coresHeld(); }
        @Override double coreSeconds() { return global.get().coreSeconds(); }
        @Override MetricsSnapshot.Counts counts() { return global.get().counts(); }
        @Override MetricsSnapshot.Latency grantLatency() { return global.get().grantLatency(); }
        @Override MetricsSnapshot.Latency pickCost() { return global.get().pickCost(); }
        @Override public int getAttachedProcs() { return global.get().attachedProcs(); }
        @Override public long getEjections() { return global.get().ejections(); }
        @Override public long getLoopIterations() { return global.get().loop().iterations(); }
        @Override public long getSlowPasses() { return global.get().loop().slowPasses(); }
        @Override public long getPreemptions() { return global.get().loop().preemptions(); }
        @Override public long getThreadPickSwaps() { return global.get().threadPick().swaps(); }
        @Override public long getCoreAllocationSwaps() { return global.get().coreAllocation().swaps(); }
        @Override public long getPacketsUnanswered() { return global.get().packetsUnanswered(); }
        @Override public Map<String, Long> getEjectionsByPolicy() { return global.get().ejectionsByPolicy(); }
    }

    /** {@code org.danian:type=Proc,name=…}: reads one proc's live metrics, even after it detached. */
    static final class Proc extends Stats implements ProcMXBean {
        private final ProcMetrics metrics;
        private final LongSupplier clock;

        Proc(ProcMetrics metrics, LongSupplier clock) {
            this.metrics = metrics;
            this.clock = clock;
        }

        @Override int coresHeld() { return metrics.coreTime.read(clock.getAsLong()).held(); }
        @Override double coreSeconds() { return KernelMetrics.seconds(metrics.coreTime.read(clock.getAsLong()).coreNanos()); }
        @Override MetricsSnapshot.Counts counts() { return metrics.tally.read(); }
        @Override MetricsSnapshot.Latency grantLatency() { return metrics.grantLatency.read(); }
        @Override MetricsSnapshot.Latency pickCost() { return metrics.pickCost.read(); }
        @Override public int getId() { return metrics.proc.id(); }
        @Override public String getName() { return metrics.proc.spec().name(); }

        @Override
        public long[] getKThreadCpuNanos() {
            return metrics.kthreadCpuNanos();
        }
    }
}
