package org.danian.framework.sim;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The options of {@code danian:simulate} and {@code bin/danian simulate}, parsed from words:
 * <pre>
 *   --policies a,b,…      thread-pick policies (default: caladan,danian,danian-exact)
 *   --allocator name      core allocator (default: simple)
 *   --cores 16,64,…       worker core counts, each up to 1024 (default: 16)
 *   --workload name       poisson | netperf | mixed | step (default: poisson)
 *   --load 0.1,0.5,…      offered loads; or from:to:step (default: 0.2:0.9:0.1)
 *   --requests n          measured requests per run (default: 100000)
 *   --seed n              seed of every random stream (default: 1)
 *   --service kind        constant | exponential | bimodal (default: exponential)
 *   --service-us x        mean service time, µs (default: 10)
 *   --kthreads-per-core n kthreads of the latency-critical proc per core (default: 4)
 *   --calibration file    read pick costs from a previous run's calibration.csv
 *   --pick-ns x           charge every pick x ns instead of the calibrated cost
 *   --steering s          kthreads (per-kthread run queues, stealing) | ingress (one shared
 *                         queue) (default: kthreads)
 *   --yield-us x          a request yields after every x µs of service, to the back of its
 *                         queue (default: 0, run to completion)
 *   --out dir             where the CSVs (and the report) go (default: simulation)
 *   --paper               the paper preset (see docs/simulator.md); other options refine it:
 *                         4 policies × 16 cores × loads 0.1..0.9, then 1024 cores at load 0.5
 *   --json                answer as one line of JSON
 * </pre>
 *
 * @param sweeps the sweeps to run (one, or two for {@code --paper})
 * @param out the output directory
 * @param calibration the calibration file to read, or null to calibrate
 * @param json whether the answer is JSON
 */
public record SimulateOptions(List<SweepSpec> sweeps, Path out, Path calibration, boolean json) {

    /** The paper preset's policies (Danian §7 compares these). */
    public static final List<String> PAPER_POLICIES = List.of("caladan", "danian", "danian-exact", "lottery");

    /**
     * Parses the words.
     *
     * @throws IllegalArgumentException naming the bad word or value
     */
    public static SimulateOptions parse(List<String> words) {
        List<String> policies = List.of("caladan", "danian", "danian-exact");
        String allocator = "simple";
        List<Integer> cores = List.of(16);
        String workload = "poisson";
        List<Double> loads = range("0.2:0.9:0.1");
        long requests = 100_000;
        long seed = 1;
        ServiceTime.Kind kind = ServiceTime.Kind.EXPONENTIAL;
        double serviceMicros = 10;
        int kthreadsPerCore = 4;
        Path calibration = null;
        Double pickNanos = null;
        RuntimeModel.Steering steering = RuntimeModel.Steering.KTHREADS;
        double yieldMicros = 0;
        Path out = Path.of("simulation");
        boolean paper = false;
        boolean json = false;
        boolean policiesGiven = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--json", "-j" -> json = true;
                case "--paper" -> paper = true;
                default -> {
                    if (i + 1 >= words.size()) {
                        throw new IllegalArgumentException("unknown option or missing value: '" + word + "'");
                    }
                    String value = words.get(++i);
                    switch (word) {
                        case "--policies" -> {
                            policies = List.of(value.split(","));
                            policiesGiven = true;
                        }
                        case "--allocator" -> allocator = value;
                        case "--cores" -> cores = Arrays.stream(value.split(",")).map(s -> integer(word, s)).toList();
                        case "--workload" -> workload = value;
                        case "--load" -> loads = value.contains(":") ? range(value)
                                : Arrays.stream(value.split(",")).map(s -> decimal(word, s)).toList();
                        case "--requests" -> requests = integer(word, value);
                        case "--seed" -> seed = Long.parseLong(value);
                        case "--service" -> kind = ServiceTime.Kind.named(value);
                        case "--service-us" -> serviceMicros = decimal(word, value);
                        case "--kthreads-per-core" -> kthreadsPerCore = integer(word, value);
                        case "--calibration" -> calibration = Path.of(value);
                        case "--pick-ns" -> pickNanos = decimal(word, value);
                        case "--steering" -> steering = RuntimeModel.Steering.named(value);
                        case "--yield-us" -> yieldMicros = decimal(word, value);
                        case "--out" -> out = Path.of(value);
                        default -> throw new IllegalArgumentException("unknown option '" + word + "'");
                    }
                }
            }
        }
        CostModel costs = pickNanos == null ? CostModel.defaults()
                : CostModel.defaults().withPickCharge(CostModel.PickCharge.FIXED, pickNanos);
        ServiceTime service = new ServiceTime(kind, Math.max(1, Math.round(serviceMicros * 1000)));
        if (!(yieldMicros >= 0)) {
            throw new IllegalArgumentException("--yield-us must be at least 0: " + yieldMicros);
        }
        RuntimeModel runtime = new RuntimeModel(steering, Math.round(yieldMicros * 1000));
        List<SweepSpec> sweeps = new ArrayList<>();
        if (paper) {
            List<String> paperPolicies = policiesGiven ? policies : PAPER_POLICIES;
            sweeps.add(new SweepSpec(paperPolicies, allocator, List.of(16), workload, range("0.1:0.9:0.1"),
                    requests, seed, kthreadsPerCore, service, costs, runtime));
            // 1024 cores serve 64 times the requests per second of 16: a run 20 times as long
            // gets past the allocator's ramp from no core to hundreds.
            sweeps.add(new SweepSpec(paperPolicies, allocator, List.of(1024), workload, List.of(0.5),
                    requests * 20, seed, kthreadsPerCore, service, costs, runtime));
        } else {
            sweeps.add(new SweepSpec(policies, allocator, cores, workload, loads, requests, seed, kthreadsPerCore,
                    service, costs, runtime));
        }
        return new SimulateOptions(sweeps, out, calibration, json);
    }

    /** {@code from:to:step}, both ends included (to within half a step's rounding). */
    static List<Double> range(String spec) {
        String[] parts = spec.split(":");
        if (parts.length != 3) {
            throw new IllegalArgumentException("a load range is from:to:step: " + spec);
        }
        double from = decimal("--load", parts[0]);
        double to = decimal("--load", parts[1]);
        double step = decimal("--load", parts[2]);
        if (!(step > 0) || to < from) {
            throw new IllegalArgumentException("a load range needs from <= to and a positive step: " + spec);
        }
        List<Double> values = new ArrayList<>();
        for (int i = 0; from + i * step <= to + step / 2; i++) {
            values.add(Math.round((from + i * step) * 1e6) / 1e6);
        }
        return values;
    }

    private static int integer(String option, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes whole numbers: '" + value + "'");
        }
    }

    private static double decimal(String option, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes numbers: '" + value + "'");
        }
    }
}
