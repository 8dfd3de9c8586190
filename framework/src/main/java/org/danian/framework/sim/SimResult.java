package org.danian.framework.sim;

import java.util.ArrayList;
import java.util.List;

import org.danian.framework.engine.VirtualTimeKernel;
import org.danian.kernel.MetricsSnapshot;

/**
 * What one run measured. Everything but {@link #wallNanos} and {@link #events} per wall
 * second is a function of the scenario, the policies and the pick-cost table, so two runs of
 * the same inputs give equal results ({@code SimulationDeterminismTest}).
 *
 * @param virtualNanos virtual time from the first event to the last measured completion
 * @param events events processed
 * @param wallNanos wall time the run took (not deterministic)
 * @param schedulerBusyNanos virtual time the scheduler core spent in loop iterations
 * @param iterations loop iterations
 * @param picks thread picks charged
 * @param pickNanos their charged cost in all
 * @param picksBySize picks by floor(log2(idle-set size)), index 0 for 1 idle kthread
 * @param pickNanosBySize their charged cost, same index
 * @param migrationsSibling starts on the sibling of the kthread's last core
 * @param migrationsRemote starts on any other core but its last one
 * @param starts kthread starts on a core
 * @param kernel the kernel's own metrics at the end (grants, locality, core-seconds, loop counts)
 * @param grantTrace a hash of every grant in order (virtual time, core, kthread, generation):
 *     two runs that made the same decisions at the same times have the same trace
 * @param steals steals that moved requests from another kthread's run queue
 * @param stolen requests they moved
 * @param yields slices that ended in a yield (requests longer than the yield quantum)
 */
public record SimResult(Scenario scenario, List<ProcResult> procs, long virtualNanos, long events, long wallNanos,
                        long schedulerBusyNanos, long iterations, long picks, double pickNanos,
                        long[] picksBySize, double[] pickNanosBySize, long migrationsSibling, long migrationsRemote,
                        long starts, MetricsSnapshot kernel, long grantTrace, long steals, long stolen,
                        long yields) {

    /**
     * One proc's figures.
     *
     * @param recorded requests in the latency figures (after the warm-up)
     * @param coreSeconds core time its kthreads held, per the kernel's metrics, in virtual seconds
     */
    public record ProcResult(String name, boolean measured, long arrived, long completed, long recorded,
                             double meanNanos, long p50Nanos, long p99Nanos, long p999Nanos, long maxNanos,
                             double coreSeconds, long grants, long localityHits, long migrations) {
    }

    static SimResult of(Scenario scenario, VirtualTimeKernel kernel, Simulation sim, SchedulerCoreModel scheduler,
                        KThreadPlayer player, long virtualNanos, long events, long wallNanos) {
        MetricsSnapshot metrics = kernel.metrics().snapshot();
        List<ProcResult> procs = new ArrayList<>();
        for (SimProcState proc : sim.procs) {
            MetricsSnapshot.Proc kernelView = metrics.procs().stream()
                    .filter(p -> p.id() == proc.view.id()).findFirst().orElseThrow();
            long recorded = proc.latency.getTotalCount();
            procs.add(new ProcResult(proc.workload.spec().name(), proc.workload.measured(), proc.arrived,
                    proc.completed, recorded, recorded == 0 ? 0 : (double) proc.latencySumNanos / recorded,
                    proc.latency.getValueAtPercentile(50), proc.latency.getValueAtPercentile(99),
                    proc.latency.getValueAtPercentile(99.9), proc.latency.getMaxValue(), kernelView.coreSeconds(),
                    kernelView.counts().grants(), kernelView.counts().localityHits(),
                    kernelView.counts().migrations()));
        }
        return new SimResult(scenario, List.copyOf(procs), virtualNanos, events, wallNanos,
                scheduler.busyNanos, scheduler.iterations, scheduler.picks, scheduler.pickNanos,
                scheduler.picksBySize.clone(), scheduler.pickNanosBySize.clone(), player.migrationsSibling,
                player.migrationsRemote, player.starts, metrics, scheduler.grantTrace, player.steals, player.stolen,
                player.yields);
    }

    /** The first measured proc's figures (the latency-critical one in every built-in workload). */
    public ProcResult measured() {
        return procs.stream().filter(ProcResult::measured).findFirst().orElseThrow();
    }

    /** Fraction of the run the scheduler core spent iterating. */
    public double schedulerUtilisation() {
        return virtualNanos == 0 ? 0 : (double) schedulerBusyNanos / virtualNanos;
    }

    /** Mean charged cost of one pick, ns. */
    public double meanPickNanos() {
        return picks == 0 ? 0 : pickNanos / picks;
    }

    /** Events per wall second. */
    public double eventsPerSecond() {
        return wallNanos == 0 ? 0 : events * 1e9 / wallNanos;
    }
}
