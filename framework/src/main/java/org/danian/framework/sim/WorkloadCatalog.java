package org.danian.framework.sim;

import java.util.List;

import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;

/**
 * The named workloads of {@code danian:simulate} and {@code bin/danian simulate}; each
 * builds a scenario's procs for a machine of {@code cores} worker cores at offered load
 * {@code load} (the fraction of the worker cores' capacity the measured proc's requests need):
 * <ul>
 *   <li>{@code poisson}: one latency-critical proc, open-loop Poisson arrivals (Caladan's
 *       synthetic client);
 *   <li>{@code netperf}: one latency-critical proc and a closed loop of clients, each sending
 *       a request, waiting for the reply, then a round trip ({@link #NETPERF_THINK_NANOS})
 *       before the next (netperf's UDP request/response);
 *   <li>{@code mixed}: the {@code poisson} proc beside a best-effort batch proc (no guarantee,
 *       every core at most, a client per core always waiting with 100 µs requests), whose
 *       cores the latency-critical proc takes back when it is congested;
 *   <li>{@code step}: the {@code poisson} proc whose rate steps from a quarter of the load to
 *       the full load a third of the way through the run.
 * </ul>
 */
public final class WorkloadCatalog {

    /** The names, in the order the help lists them. */
    public static final List<String> NAMES = List.of("poisson", "netperf", "mixed", "step");
    /** A netperf client's time between a reply and its next request (a LAN round trip). */
    public static final long NETPERF_THINK_NANOS = 20_000;
    private static final long BATCH_SERVICE_NANOS = 100_000;

    private WorkloadCatalog() {
    }

    /**
     * The procs of workload {@code name}.
     *
     * @param kthreads kthreads of the latency-critical proc
     * @param requests the run's measured requests (the step workload places its step by them)
     * @throws IllegalArgumentException naming the valid workloads if {@code name} is not one
     */
    public static List<ProcWorkload> procs(String name, int cores, int kthreads, double load, ServiceTime service,
                                           long requests) {
        if (!(load > 0)) {
            throw new IllegalArgumentException("load must be positive: " + load);
        }
        double rate = load * cores * 1e9 / service.meanNanos();
        ProcSpec latencyCritical = new ProcSpec("lc", kthreads, Priority.LATENCY_CRITICAL, 0, Math.min(cores, kthreads),
                ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, 1);
        switch (name) {
            case "poisson":
                return List.of(ProcWorkload.open(latencyCritical, service, rate));
            case "netperf": {
                double cycle = service.meanNanos() + NETPERF_THINK_NANOS;
                int clients = (int) Math.max(1, Math.round(load * cores * cycle / service.meanNanos()));
                return List.of(ProcWorkload.closed(latencyCritical, service, clients, NETPERF_THINK_NANOS, true));
            }
            case "mixed": {
                ProcSpec batch = new ProcSpec("batch", cores, Priority.BEST_EFFORT, 0, cores,
                        ProcSpec.DEFAULT_DELAY_THRESHOLD_NANOS, 1);
                return List.of(ProcWorkload.open(latencyCritical, service, rate),
                        ProcWorkload.closed(batch, new ServiceTime(ServiceTime.Kind.CONSTANT, BATCH_SERVICE_NANOS),
                                cores, 0, false));
            }
            case "step": {
                double low = rate / 4;
                long stepAt = Math.round(requests / 3.0 / low * 1e9);
                return List.of(new ProcWorkload(latencyCritical, service, List.of(new ProcWorkload.RateStep(0, low),
                        new ProcWorkload.RateStep(stepAt, rate)), 0, 0, true));
            }
            default:
                throw new IllegalArgumentException("unknown workload '" + name + "'; valid: " + String.join(", ", NAMES));
        }
    }
}
