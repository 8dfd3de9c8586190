package org.danian.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.sim.CostModel;
import org.danian.framework.sim.PickCostCalibration;
import org.danian.framework.sim.PickCostTable;
import org.danian.framework.sim.RuntimeModel;
import org.danian.framework.sim.Scenario;
import org.danian.framework.sim.ServiceTime;
import org.danian.framework.sim.SimResult;
import org.danian.framework.sim.Simulation;
import org.danian.framework.sim.WorkloadCatalog;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * The simulator's speed (docs/measurements.md, "The simulator"): events per wall and per CPU
 * second of whole runs, single-threaded, and the wall time and peak heap of the runs the
 * project's targets name.
 * A main class rather than JMH: one run is seconds long and its own measurement, and the
 * targets are about whole runs (10⁶ requests on 64 cores; 10⁷ requests on 1024 cores with
 * 4096 kthreads). Each case runs after a short warm-up run of the same shape; the
 * Poisson workload at load 0.7, exponential 10 µs service, {@code danian-exact} picks charged
 * from a calibration made at the start.
 *
 * <p>Run (after {@code ./mvnw -B -pl benchmarks -am -DskipTests package}):
 * <pre>
 * java -Xmx1g -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar org.danian.benchmarks.SimulatorBenchmark [policy] [cases] [steering] [repeats]
 * </pre>
 * where {@code cases} is a comma list of {@code small} (10⁶ requests, 16 cores), {@code 64}
 * (10⁶ requests, 64 cores, 256 kthreads), {@code 1024} (10⁷ requests, 1024 cores, 4096
 * kthreads) and {@code ramp} (the first 2·10⁶ requests of {@code 1024}: the allocator's ramp from
 * no core, whose backlog costs more per event than the steady state); the first three by
 * default; {@code steering} is {@code kthreads} (the default: per-kthread run queues and
 * stealing) or {@code ingress} (one shared queue). Each case runs {@code repeats}
 * times (3 by default) after the warm-up, one line each with its wall and thread CPU time: on a
 * loaded machine the JIT's compiler threads wait for a core too, so the first runs are slower. The case {@code picks} instead
 * prints how the calibrated remote pick cost of {@code caladan} and {@code danian-exact} grows
 * from 4 to 1024 idle kthreads (the paper's O(n) against O(1), Danian §5): wall-clock
 * measurements, so a benchmark's output, never a test's assertion.
 *
 * <p>Run it with the serial collector, as {@code bin/danian simulate} runs the simulator: a run
 * is one thread, and under G1 every reference its queues store pays G1's write barrier, while a
 * concurrent refinement thread takes the machine's other core (docs/measurements.md). Each line
 * names the collector it ran under ({@code gc=}), so results under another are told apart.
 */
public final class SimulatorBenchmark {

    /** Thread CPU time beside wall time: on a shared machine the wall clock counts other jobs too. */
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SimulatorBenchmark() {
    }

    public static void main(String[] args) {
        String policy = args.length > 0 ? args[0] : "danian-exact";
        List<String> cases = List.of((args.length > 1 ? args[1] : "small,64,1024").split(","));
        if (cases.contains("picks")) {
            pickGrowth();
        }
        if (cases.stream().allMatch("picks"::equals)) {
            return;
        }
        RuntimeModel runtime = new RuntimeModel(
                RuntimeModel.Steering.named(args.length > 2 ? args[2] : "kthreads"), 0);
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        ThreadPickPolicy pick = Policies.byName(policy);
        PickCostTable table = PickCostCalibration.measure(List.of(pick), 4096, 1_000_000);
        for (String name : cases) {
            if (name.equals("picks")) {
                continue;
            }
            int cores;
            long requests;
            switch (name) {
                case "small" -> {
                    cores = 16;
                    requests = 1_000_000;
                }
                case "64" -> {
                    cores = 64;
                    requests = 1_000_000;
                }
                case "1024" -> {
                    cores = 1024;
                    requests = 10_000_000;
                }
                case "ramp" -> { // the start of the 1024 case: the allocator's ramp and its backlog
                    cores = 1024;
                    requests = 2_000_000;
                }
                default -> throw new IllegalArgumentException("unknown case '" + name
                        + "'; valid: small, 64, 1024, ramp, picks");
            }
            run(policy, table, runtime, cores, Math.max(1000, requests / 10)); // warm-up: lets the JIT compile the run
            for (int repeat = 1; repeat <= repeats; repeat++) {
                resetPeaks();
                long cpuStart = THREADS.getCurrentThreadCpuTime();
                SimResult result = run(policy, table, runtime, cores, requests);
                double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf(Locale.ROOT, "%s gc=%s steering=%s cores=%d kthreads=%d requests=%d repeat=%d events=%d"
                                + " wall_s=%.2f events_per_s=%.0f cpu_s=%.2f events_per_cpu_s=%.0f peak_heap_mib=%.0f"
                                + " p99_us=%.1f%n", policy, collector(), runtime.steering().word(), cores, cores * 4, requests, repeat,
                        result.events(), result.wallNanos() / 1e9, result.eventsPerSecond(), cpuSeconds,
                        result.events() / cpuSeconds, peakHeapBytes() / 1048576.0,
                        result.measured().p99Nanos() / 1000.0);
            }
        }
    }

    /** The calibrated remote pick at 1024 idle kthreads against 4, per policy. */
    private static void pickGrowth() {
        PickCostTable table = PickCostCalibration.measure(
                List.of(Policies.byName("caladan"), Policies.byName("danian-exact")), 1024, 2_000_000);
        for (String policy : List.of("caladan", "danian-exact")) {
            double at4 = table.cost(policy, 4, false);
            double at1024 = table.cost(policy, 1024, false);
            System.out.printf(Locale.ROOT, "%s remote_pick_ns_at_4=%.1f remote_pick_ns_at_1024=%.1f growth=%.1f%n",
                    policy, at4, at1024, at1024 / at4);
        }
    }

    private static SimResult run(String policy, PickCostTable table, RuntimeModel runtime, int cores, long requests) {
        ServiceTime service = new ServiceTime(ServiceTime.Kind.EXPONENTIAL, 10_000);
        Scenario scenario = new Scenario(cores, policy, "simple",
                WorkloadCatalog.procs("poisson", cores, cores * 4, 0.7, service, requests), requests, 0.1, 1,
                CostModel.defaults(), runtime);
        return new Simulation(scenario, List.of(Policies.byName(policy)), List.of(new SimpleAllocationPolicy()), table)
                .run();
    }

    /** The young collection's collector, as the JVM names it without spaces ("Copy" for serial, "G1_Young_Generation"). */
    private static String collector() {
        return ManagementFactory.getGarbageCollectorMXBeans().get(0).getName().replace(' ', '_');
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** The sum of the heap pools' peaks since the reset: an upper bound of the live heap's peak. */
    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
