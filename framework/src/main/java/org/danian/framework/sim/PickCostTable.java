package org.danian.framework.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one thread pick costs the scheduler core, per policy, per idle-set size, in two
 * scenarios: <em>local</em> (the chosen kthread last ran on the granted core or its sibling)
 * and <em>remote</em> (none did: Caladan's scan reads the whole list). A cost is one
 * {@code pick} plus the {@code parked} that later returns the kthread, the two calls the
 * kernel makes per grant, as {@code PickBenchmark} measures them (docs/measurements.md).
 *
 * <p>Measured by {@link PickCostCalibration} at the start of a run, or read back from the CSV a
 * previous run wrote ({@link #toCsv}, one row {@code policy,idle,scenario,nanos}), so that a
 * rerun with the same file charges exactly the same costs. Between calibrated sizes the cost
 * is interpolated linearly in log2 of the size; beyond the largest, it is extrapolated from
 * the last two (linearly in the size, as the scan's cost grows).
 */
public final class PickCostTable {

    /** The CSV's header line. */
    public static final String HEADER = "policy,idle,scenario,nanos";

    /** policy → idle size → {local, remote} nanos. */
    private final Map<String, TreeMap<Integer, double[]>> costs;

    PickCostTable(Map<String, TreeMap<Integer, double[]>> costs) {
        this.costs = costs;
    }

    /** Parses {@link #toCsv} output. */
    public static PickCostTable parse(String csv) {
        Map<String, TreeMap<Integer, double[]>> costs = new TreeMap<>();
        String[] lines = csv.split("\r?\n");
        if (lines.length == 0 || !lines[0].equals(HEADER)) {
            throw new IllegalArgumentException("a pick-cost calibration starts with '" + HEADER + "'");
        }
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",");
            if (cells.length != 4) {
                throw new IllegalArgumentException("calibration line " + (i + 1) + " is not " + HEADER + ": " + lines[i]);
            }
            int idle = Integer.parseInt(cells[1]);
            double[] pair = costs.computeIfAbsent(cells[0], p -> new TreeMap<>()).computeIfAbsent(idle,
                    n -> new double[] {Double.NaN, Double.NaN});
            int slot = switch (cells[2]) {
                case "local" -> 0;
                case "remote" -> 1;
                default -> throw new IllegalArgumentException("calibration line " + (i + 1)
                        + ": scenario must be local or remote: " + cells[2]);
            };
            pair[slot] = Double.parseDouble(cells[3]);
        }
        return new PickCostTable(costs);
    }

    /** The table as CSV; the values are rounded to 0.1 ns, and {@link #parse} reads them back exactly. */
    public String toCsv() {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        costs.forEach((policy, sizes) -> sizes.forEach((idle, pair) -> {
            out.append(policy).append(',').append(idle).append(",local,").append(format(pair[0])).append('\n');
            out.append(policy).append(',').append(idle).append(",remote,").append(format(pair[1])).append('\n');
        }));
        return out.toString();
    }

    static String format(double nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos);
    }

    /** Whether the table has costs for {@code policy}. */
    public boolean covers(String policy) {
        return costs.containsKey(policy);
    }

    /** The policies it covers, by name. */
    public List<String> policies() {
        return new ArrayList<>(costs.keySet());
    }

    /** The cost of one pick for {@code policy} among {@code idle} idle kthreads. */
    public double cost(String policy, int idle, boolean local) {
        TreeMap<Integer, double[]> sizes = costs.get(policy);
        if (sizes == null) {
            throw new IllegalArgumentException("no pick cost calibrated for policy '" + policy + "'; calibrated: "
                    + costs.keySet());
        }
        int slot = local ? 0 : 1;
        int n = Math.max(1, idle);
        Map.Entry<Integer, double[]> below = sizes.floorEntry(n);
        Map.Entry<Integer, double[]> above = sizes.ceilingEntry(n);
        if (below == null) {
            return above.getValue()[slot];
        }
        if (above == null) {
            Map.Entry<Integer, double[]> previous = sizes.lowerEntry(below.getKey());
            if (previous == null) {
                return below.getValue()[slot];
            }
            double slope = (below.getValue()[slot] - previous.getValue()[slot]) / (below.getKey() - previous.getKey());
            return Math.max(0, below.getValue()[slot] + slope * (n - below.getKey()));
        }
        if (below.getKey().equals(above.getKey())) {
            return below.getValue()[slot];
        }
        double x = (log2(n) - log2(below.getKey())) / (log2(above.getKey()) - log2(below.getKey()));
        return below.getValue()[slot] + x * (above.getValue()[slot] - below.getValue()[slot]);
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }

    /** Costs of {@code policy} for every idle size up to {@code maxIdle}, looked up in O(1). */
    Charger charger(String policy, int maxIdle) {
        double[] local = new double[maxIdle + 1];
        double[] remote = new double[maxIdle + 1];
        for (int n = 0; n <= maxIdle; n++) {
            local[n] = cost(policy, n, true);
            remote[n] = cost(policy, n, false);
        }
        return (idle, isLocal) -> (isLocal ? local : remote)[Math.min(idle, maxIdle)];
    }

    /** A policy's cost per pick by idle-set size. */
    interface Charger {
        double nanos(int idle, boolean local);
    }
}
