package org.danian.exporter.prometheus;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Collection;
import org.danian.kernel.DatagramCounts;
import org.danian.kernel.WorkloadTraffic;

/**
 * Writes what became of every running workload's datagrams ({@link WorkloadTraffic} services of
 * the kernel API) at each scrape: {@code danian_workload_datagrams_total}, one series per
 * workload, address and outcome ({@code replied}, {@code ignored}, {@code malformed},
 * {@code oversized}, {@code rejected}, {@code overloaded}), and {@code danian_workload_servers},
 * the workloads running now. The outcomes are one labelled counter, not six metrics, so a query
 * sums them ({@code sum by (workload)}) or rates one reason alone.
 */
final class WorkloadTrafficCollector implements MultiCollector {

    private final Collection<WorkloadTraffic> workloads;

    /** Reads {@code workloads} at each scrape; the caller keeps it current (a concurrent collection). */
    WorkloadTrafficCollector(Collection<WorkloadTraffic> workloads) {
        this.workloads = workloads;
    }

    @Override
    public MetricSnapshots collect() {
        CounterSnapshot.Builder datagrams = CounterSnapshot.builder().name("danian_workload_datagrams")
                .help("Datagrams a workload saw, by what became of them");
        int running = 0;
        for (WorkloadTraffic workload : workloads) {
            running++;
            String address = workload.address().getAddress().getHostAddress() + ":" + workload.address().getPort();
            DatagramCounts counts = workload.datagrams();
            datagrams.dataPoint(point(workload, address, "replied", counts.replied()));
            datagrams.dataPoint(point(workload, address, "ignored", counts.ignored()));
            datagrams.dataPoint(point(workload, address, "malformed", counts.malformed()));
            datagrams.dataPoint(point(workload, address, "oversized", counts.oversized()));
            datagrams.dataPoint(point(workload, address, "rejected", counts.rejected()));
            datagrams.dataPoint(point(workload, address, "overloaded", counts.overloaded()));
        }
        GaugeSnapshot servers = GaugeSnapshot.builder().name("danian_workload_servers")
                .help("Workload servers running on the kernel")
                .dataPoint(GaugeDataPointSnapshot.builder().value(running).build()).build();
        return new MetricSnapshots(datagrams.build(), servers);
    }

    private static CounterDataPointSnapshot point(WorkloadTraffic workload, String address, String outcome,
            long value) {
        return CounterDataPointSnapshot.builder().value(value)
                .labels(Labels.of("workload", workload.workload(), "address", address, "outcome", outcome)).build();
    }
}
