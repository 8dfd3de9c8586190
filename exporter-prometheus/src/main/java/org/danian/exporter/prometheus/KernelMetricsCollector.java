package org.danian.exporter.prometheus;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot.SummaryDataPointSnapshot;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyKind;
import org.danian.spi.net.DriverCounters;

/**
 * Reads the kernel's metrics ({@link KernelAdmin#metrics()}) and the packet driver's counters
 * ({@link KernelAdmin#status()}) at each scrape and writes them as Prometheus metrics, all
 * prefixed {@code danian_}: counters (grants, picks, locality hits, migrations, loop passes,
 * swaps and ejections per slot, every driver counter), gauges (procs, cores held, unanswered
 * packets), histograms in the kernel's fixed buckets (1 µs to 1 s) and summaries with quantiles
 * 0.5, 0.9, 0.99, 0.999 (grant latency and pick cost, in
 * seconds, global and per proc, labelled {@code proc}).
 */
final class KernelMetricsCollector implements MultiCollector {

    private static final double NANOS_PER_SECOND = 1e9;

    private final KernelAdmin kernel;

    KernelMetricsCollector(KernelAdmin kernel) {
        this.kernel = kernel;
    }

    @Override
    public MetricSnapshots collect() {
        MetricsSnapshot metrics = kernel.metrics();
        KernelStatus status = kernel.status();
        MetricsSnapshot.Global global = metrics.global();
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(gauge("danian_procs", "Live procs attached to the kernel", global.attachedProcs()));
        out.add(gauge("danian_cores_held", "Cores held by procs now", global.coresHeld()));
        out.add(gauge("danian_packets_unanswered", "Packets accepted and not yet answered", global.packetsUnanswered()));
        out.add(counter("danian_grants", "Cores granted to procs", global.counts().grants(), metrics, Counter.GRANTS));
        out.add(counter("danian_picks", "Thread-pick decisions", global.counts().picks(), metrics, Counter.PICKS));
        out.add(counter("danian_locality_hits", "Picks of a kthread that last ran on the granted core",
                global.counts().localityHits(), metrics, Counter.HITS));
        out.add(counter("danian_migrations", "Picks of a kthread that last ran on another core",
                global.counts().migrations(), metrics, Counter.MIGRATIONS));
        out.add(plain("danian_loop_iterations", "Scheduler loop iterations", global.loop().iterations()));
        out.add(plain("danian_loop_slow_passes", "Slow passes (congestion measured)", global.loop().slowPasses()));
        out.add(plain("danian_preemptions", "Grants of a core another proc owned", global.loop().preemptions()));
        out.add(slots("danian_policy_swaps", "Successful policy swaps, by slot", global, true));
        out.add(slots("danian_policy_ejections", "Policies ejected for breaking their contract, by slot", global,
                false));
        out.add(histogram("danian_grant_latency_seconds", "From a proc needing a core to its kthread running",
                global.grantLatency(), metrics, true));
        out.add(histogram("danian_pick_cost_seconds", "Time the thread-pick policy took per decision",
                global.pickCost(), metrics, false));
        out.add(summary("danian_grant_latency_quantiles_seconds", "Grant latency's quantiles (HdrHistogram, 1%)",
                global.grantLatency(), metrics, true));
        out.add(summary("danian_pick_cost_quantiles_seconds", "Pick cost's quantiles (HdrHistogram, 1%)",
                global.pickCost(), metrics, false));
        out.addAll(driver(status.packets().counters()));
        return new MetricSnapshots(out);
    }

    private enum Counter { GRANTS, PICKS, HITS, MIGRATIONS }

    private static long value(MetricsSnapshot.Counts counts, Counter which) {
        return switch (which) {
            case GRANTS -> counts.grants();
            case PICKS -> counts.picks();
            case HITS -> counts.localityHits();
            case MIGRATIONS -> counts.migrations();
        };
    }

    /** The global value (no label) and one per proc (label {@code proc}). */
    private static CounterSnapshot counter(String name, String help, long global, MetricsSnapshot metrics,
            Counter which) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(global).labels(Labels.of("proc", "")).build());
        for (MetricsSnapshot.Proc proc : metrics.procs()) {
            builder.dataPoint(CounterDataPointSnapshot.builder().value(value(proc.counts(), which))
                    .labels(Labels.of("proc", proc.name() + "#" + proc.id())).build());
        }
        return builder.build();
    }

    private static CounterSnapshot plain(String name, String help, long value) {
        return CounterSnapshot.builder().name(name).help(help)
                .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
    }

    private static CounterSnapshot slots(String name, String help, MetricsSnapshot.Global global, boolean swaps) {
        CounterSnapshot.Builder builder = CounterSnapshot.builder().name(name).help(help);
        for (PolicyKind kind : PolicyKind.values()) {
            MetricsSnapshot.SlotCounts slot = global.slot(kind);
            builder.dataPoint(CounterDataPointSnapshot.builder().value(swaps ? slot.swaps() : slot.ejections())
                    .labels(Labels.of("slot", kind.label())).build());
        }
        return builder.build();
    }

    private static GaugeSnapshot gauge(String name, String help, double value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeDataPointSnapshot.builder().value(value).build()).build();
    }

    private static SummarySnapshot summary(String name, String help, MetricsSnapshot.Latency global,
            MetricsSnapshot metrics, boolean grantLatency) {
        SummarySnapshot.Builder builder = SummarySnapshot.builder().name(name).help(help);
        eachDistribution(global, metrics, grantLatency, (latency, labels) -> builder.dataPoint(quantiles(latency, labels)));
        return builder.build();
    }

    /** The global distribution (label {@code proc=""}), then each proc's, as {@code grantLatency} selects. */
    private static void eachDistribution(MetricsSnapshot.Latency global, MetricsSnapshot metrics, boolean grantLatency,
            BiConsumer<MetricsSnapshot.Latency, Labels> dataPoint) {
        dataPoint.accept(global, Labels.of("proc", ""));
        for (MetricsSnapshot.Proc proc : metrics.procs()) {
            dataPoint.accept(grantLatency ? proc.grantLatency() : proc.pickCost(),
                    Labels.of("proc", proc.name() + "#" + proc.id()));
        }
    }

    /**
     * The kernel's bucket bounds in seconds, then +Inf (Prometheus's last "le"); copied for each
     * data point, since the client library may sort the array it is given.
     */
    private static final double[] UPPER_BOUNDS_SECONDS = upperBoundsSeconds();

    private static double[] upperBoundsSeconds() {
        List<Long> bounds = MetricsSnapshot.Latency.BUCKET_BOUNDS_NANOS;
        double[] upper = new double[bounds.size() + 1];
        for (int i = 0; i < bounds.size(); i++) {
            upper[i] = bounds.get(i) / NANOS_PER_SECOND;
        }
        upper[bounds.size()] = Double.POSITIVE_INFINITY;
        return upper;
    }

    /** The global distribution (label {@code proc=""}) and one per proc, in the kernel's fixed buckets. */
    private static HistogramSnapshot histogram(String name, String help, MetricsSnapshot.Latency global,
            MetricsSnapshot metrics, boolean grantLatency) {
        HistogramSnapshot.Builder builder = HistogramSnapshot.builder().name(name).help(help);
        eachDistribution(global, metrics, grantLatency, (latency, labels) -> builder.dataPoint(buckets(latency, labels)));
        return builder.build();
    }

    private static HistogramDataPointSnapshot buckets(MetricsSnapshot.Latency latency, Labels labels) {
        long[] counts = new long[UPPER_BOUNDS_SECONDS.length];
        if (latency.bucketCounts().isEmpty()) {
            counts[counts.length - 1] = latency.count(); // no buckets kept: all we know is the count
        } else {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = latency.bucketCounts().get(i);
            }
        }
        return HistogramDataPointSnapshot.builder().labels(labels).sum(latency.sumNanos() / NANOS_PER_SECOND)
                .classicHistogramBuckets(ClassicHistogramBuckets.of(UPPER_BOUNDS_SECONDS.clone(), counts)).build();
    }

    private static SummaryDataPointSnapshot quantiles(MetricsSnapshot.Latency latency, Labels labels) {
        return SummaryDataPointSnapshot.builder().count(latency.count()).labels(labels)
                .quantiles(Quantiles.of(new Quantile(0.5, latency.p50Nanos() / NANOS_PER_SECOND),
                        new Quantile(0.9, latency.p90Nanos() / NANOS_PER_SECOND),
                        new Quantile(0.99, latency.p99Nanos() / NANOS_PER_SECOND),
                        new Quantile(0.999, latency.p999Nanos() / NANOS_PER_SECOND)))
                .build();
    }

    /** Every counter of the packet driver, {@code danian_driver_<name>}, read from the record's components. */
    private static List<MetricSnapshot> driver(DriverCounters counters) {
        List<MetricSnapshot> out = new ArrayList<>();
        for (RecordComponent component : DriverCounters.class.getRecordComponents()) {
            if (component.getType() != long.class) {
                continue;
            }
            try {
                long value = (long) component.getAccessor().invoke(counters);
                out.add(plain("danian_driver_" + snake(component.getName()),
                        "Packet driver counter " + component.getName(), value));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read DriverCounters." + component.getName(), e);
            }
        }
        return out;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }
}
