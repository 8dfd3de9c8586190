package org.danian.workloads.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.danian.workloads.baseline.Workload;

/**
 * The sample points of each workload and how long each is measured. Every point is one client
 * JVM, so the server's CPU time can be read for each point (the paper's Figure 6 shows CPU use
 * per sample).
 *
 * @param syntheticRates offered loads of the synthetic sweep, requests/s, in increasing order
 * @param syntheticSeconds measured seconds per synthetic rate
 * @param syntheticRampupSeconds ramp-up seconds before each measured synthetic run
 * @param netperfThreads client thread counts of the netperf sweep
 * @param netperfSeconds seconds per netperf run
 * @param warmupSeconds length of the unmeasured client run at each workload's first point
 *        right after a server side starts, so the servers' JIT is warm before the first
 *        measured point (0: none)
 */
record Sweep(List<Double> syntheticRates, double syntheticSeconds, double syntheticRampupSeconds,
        List<Integer> netperfThreads, double netperfSeconds, double warmupSeconds) {

    /** Caladan's synthetic service time: exponential with mean 167 work iterations (its default). */
    static final String SYNTHETIC_DISTRIBUTION = "exponential";
    static final double SYNTHETIC_MEAN_ITERATIONS = 167;
    /** The same schedule under every policy, so the policies meet the same load. */
    static final long SYNTHETIC_SEED = 1;

    Sweep {
        syntheticRates = List.copyOf(syntheticRates);
        netperfThreads = List.copyOf(netperfThreads);
        if (syntheticRates.isEmpty() || netperfThreads.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one point per workload");
        }
    }

    /**
     * {@code --quick}: three synthetic rates and netperf at 2 and 4 threads, 1.5 s each, 1 s of
     * warm-up per server side, so all five policies and both workloads finish in under two
     * minutes on a 2-core machine.
     */
    static Sweep quick() {
        return new Sweep(List.of(2_000.0, 6_000.0, 10_000.0), 1.5, 0.5, List.of(2, 4), 1.5, 1);
    }

    /**
     * The paper's shape (Danian §6): synthetic rates rising linearly to a target (ten steps to
     * 50,000 requests/s, 10 s each after Caladan's 4 s ramp-up), netperf from 2 to 12 client
     * threads by 2, 10 s each; 5 s of warm-up per server side.
     */
    static Sweep full() {
        List<Double> rates = new ArrayList<>();
        for (int step = 1; step <= 10; step++) {
            rates.add(step * 5_000.0);
        }
        return new Sweep(rates, 10, 4, List.of(2, 4, 6, 8, 10, 12), 10, 5);
    }

    /** The points of {@code workload}, in sweep order. */
    List<Point> points(Workload workload) {
        List<Point> points = new ArrayList<>();
        if (workload == Workload.SYNTHETIC) {
            syntheticRates.forEach(rate -> points.add(new Point(workload, rate)));
        } else {
            netperfThreads.forEach(threads -> points.add(new Point(workload, threads)));
        }
        return points;
    }

    /** Seconds one point's client is expected to take, without JVM start-up. */
    double expectedSeconds(Workload workload) {
        return workload == Workload.SYNTHETIC ? syntheticSeconds + syntheticRampupSeconds + 1 : netperfSeconds + 1;
    }

    /** The same sweep with every run {@link #warmupSeconds} long: what a warm-up client runs. */
    Sweep warmup() {
        return new Sweep(syntheticRates, warmupSeconds, 0, netperfThreads, warmupSeconds, 0);
    }

    /**
     * One point of a sweep: an offered rate (synthetic) or a number of client threads
     * (netperf).
     */
    record Point(Workload workload, double value) {

        /** For progress lines: {@code 6000 rps} or {@code 4 threads}. */
        String label() {
            return workload == Workload.SYNTHETIC ? String.format(Locale.ROOT, "%.0f rps", value)
                    : String.format(Locale.ROOT, "%.0f threads", value);
        }

        /** For file names and the CSV's point column. */
        String token() {
            return String.format(Locale.ROOT, "%.0f", value);
        }
    }
}
