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
 * its time budget after a warm-up round of every cell, and keeps the median batch: short
 * enough to run before every simulation, and a number a rerun reads back from the run's CSV.
 */
public final class PickCostCalibration {

    private static final int CORES = 32;
    private static final int LOCAL_CORES = 16;
    private static final long BATCH_NANOS = 20_000;

    private PickCostCalibration() {
    }

    /**
     * Calibrates every policy at idle sizes 1, 2, 4, … up to the first power of two at or
     * above {@code maxIdle}.
     *
     * @param cellBudgetNanos wall time spent measuring each (policy, size, scenario) cell
     */
    public static PickCostTable measure(List<ThreadPickPolicy> policies, int maxIdle, long cellBudgetNanos) {
        Map<String, TreeMap<Integer, double[]>> costs = new TreeMap<>();
        for (int round = 0; round < 2; round++) { // round 0 warms the JIT up, round 1 measures
            long budget = round == 0 ? Math.max(BATCH_NANOS, cellBudgetNanos / 4) : cellBudgetNanos;
            for (ThreadPickPolicy policy : policies) {
                TreeMap<Integer, double[]> sizes = new TreeMap<>();
                for (int n = 1; ; n *= 2) {
                    sizes.put(n, new double[] {cell(policy, n, true, budget), cell(policy, n, false, budget)});
                    if (n >= maxIdle) {
                        break;
                    }
                }
                costs.put(policy.name(), sizes);
            }
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

    private static double cell(ThreadPickPolicy policy, int n, boolean local, long budgetNanos) {
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
        long end = System.nanoTime() + budgetNanos;
        while (count < batches.length) {
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
