package org.danian.framework.sim;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;

/**
 * Measures {@link PickCostTable} for the given policies on this machine, in wall time, with
 * the set-up of {@code PickBenchmark} (benchmarks/README.md): one proc of exactly {@code n}
 * idle kthreads on 32 cores in sibling pairs; kthread i last ran on core {@code i % min(n, 16)}.
 * <em>Local</em> picks ask for those cores in turn and the kthread parks back from the core it
 * got; <em>remote</em> picks ask for cores 16..31, where no idle kthread nor a sibling last ran,
 * and the kthread parks back from its own core. Each cell runs batches of at least 20 µs for
 * its time budget, after a warm-up that runs every policy's pick path on small idle sets until
 * the JIT has compiled it, and keeps the median batch: short
 * enough to run before every simulation, and a number a rerun reads back from the run's CSV.
 */
public final class PickCostCalibration {

    private static final int CORES = 32;
    private static final int LOCAL_CORES = 16;
    private static final long BATCH_NANOS = 20_000;
    /** Warm-up: enough calls for the JIT's optimising compiler, on idle sets small enough to be quick. */
    private static final long WARM_UP_OPERATIONS = 60_000;
    private static final int WARM_UP_MAX_IDLE = 64;

    private PickCostCalibration() {
    }

    /**
     * Calibrates every policy at idle sizes 1, 2, 4, … up to the first power of two at or
     * above {@code maxIdle}.
     *
     * @param cellBudgetNanos wall time spent measuring each (policy, size, scenario) cell
     */
    public static PickCostTable measure(List<ThreadPickPolicy> policies, int maxIdle, long cellBudgetNanos) {
        for (ThreadPickPolicy policy : policies) { // compile the pick paths before timing them
            for (int n = 1; n <= WARM_UP_MAX_IDLE; n *= 4) {
                run(policy, n, true, WARM_UP_OPERATIONS, Long.MAX_VALUE);
                run(policy, n, false, WARM_UP_OPERATIONS, Long.MAX_VALUE);
            }
        }
        Map<String, TreeMap<Integer, double[]>> costs = new TreeMap<>();
        for (ThreadPickPolicy policy : policies) {
            TreeMap<Integer, double[]> sizes = new TreeMap<>();
            for (int n = 1; ; n *= 2) {
                sizes.put(n, new double[] {cell(policy, n, true, cellBudgetNanos),
                        cell(policy, n, false, cellBudgetNanos)});
                if (n >= maxIdle) {
                    break;
                }
            }
            costs.put(policy.name(), sizes);
        }
        Map<String, TreeMap<Integer, double[]>> rounded = new TreeMap<>();
        costs.forEach((policy, sizes) -> {
            TreeMap<Integer, double[]> copy = new TreeMap<>();
            sizes.forEach((n, pair) -> copy.put(n, new double[] {round(pair[0]), round(pair[1])}));
            rounded.put(policy, copy);
        });
        return new PickCostTable(rounded);
    }

    private static double round(double nanos) {
        return Double.parseDouble(PickCostTable.format(nanos));
    }

    /**
     * The least of three medians, each over a third of the budget: on a shared machine a whole
     * third can be descheduled, and the least is the one that was not.
     */
    private static double cell(ThreadPickPolicy policy, int n, boolean local, long budgetNanos) {
        double least = Double.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            least = Math.min(least, run(policy, n, local, Long.MAX_VALUE, Math.max(BATCH_NANOS, budgetNanos / 3)));
        }
        return least;
    }

    /**
     * Runs picks (each followed by the park that returns the kthread) in batches of at least
     * {@link #BATCH_NANOS}, until {@code operations} ran or {@code budgetNanos} passed (and at
     * least one batch); returns the median batch's nanoseconds per operation.
     */
    private static double run(ThreadPickPolicy policy, int n, boolean local, long operations, long budgetNanos) {
        CalibrationProc proc = new CalibrationProc(n);
        CoreTopology topology = CoreTopology.siblingPairs(CORES);
        ThreadPicker picker = policy.newPicker(proc, topology);
        int home = Math.min(n, LOCAL_CORES);
        for (CalibrationKThread kthread : proc.kthreads) {
            kthread.lastCore = kthread.id % home;
            picker.parked(kthread, kthread.lastCore);
        }
        double[] batches = new double[256];
        int count = 0;
        long request = 0;
        long end = budgetNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + budgetNanos;
        while (count < batches.length && request < operations) {
            long start = System.nanoTime();
            long ops = 0;
            long now;
            do {
                for (int i = 0; i < 8; i++, ops++, request++) {
                    int core = local ? (int) (request % home) : LOCAL_CORES + (int) (request % LOCAL_CORES);
                    CalibrationKThread chosen = (CalibrationKThread) picker.pick(core);
                    int back = local ? core : chosen.id % home;
                    chosen.lastCore = back;
                    picker.parked(chosen, back);
                }
                now = System.nanoTime();
            } while (now - start < BATCH_NANOS);
            batches[count++] = (double) (now - start) / ops;
            if (now >= end) {
                break;
            }
        }
        double[] measured = Arrays.copyOf(batches, count);
        Arrays.sort(measured);
        return measured[count / 2];
    }

    /** A proc of {@code n} kthreads, as the policy's SPI sees one. */
    private static final class CalibrationProc implements ProcView {
        final CalibrationKThread[] kthreads;
        final ProcSpec spec;

        CalibrationProc(int n) {
            this.spec = new ProcSpec("calibration", n, Priority.LATENCY_CRITICAL, 0, n, 0, 1);
            this.kthreads = new CalibrationKThread[n];
            for (int i = 0; i < n; i++) {
                kthreads[i] = new CalibrationKThread(this, i);
            }
        }

        @Override
        public int id() {
            return 0;
        }

        @Override
        public ProcSpec spec() {
            return spec;
        }

        @Override
        public int kthreadCount() {
            return kthreads.length;
        }

        @Override
        public KThreadView kthread(int id) {
            return kthreads[id];
        }
    }

    private static final class CalibrationKThread implements KThreadView {
        final CalibrationProc proc;
        final int id;
        int lastCore = NO_CORE;

        CalibrationKThread(CalibrationProc proc, int id) {
            this.proc = proc;
            this.id = id;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public ProcView proc() {
            return proc;
        }

        @Override
        public int lastCore() {
            return lastCore;
        }

        @Override
        public int tickets() {
            return 1;
        }
    }
}
