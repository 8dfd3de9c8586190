package org.danian.workloads.experiment;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A policy's mean cost of one thread pick, over all of its points: the sampled picks' summed
 * CPU (or wall) nanoseconds over the number of samples, so every point's samples weigh the
 * same and a point with few picks (and no sample) loses nothing. Empty where no point reported
 * the sums (the baseline) or none was sampled.
 *
 * @param picks total picks, if every point reported them
 * @param cpuNanosPerPick mean CPU time of a pick
 * @param wallNanosPerPick mean wall time of a pick
 */
record PickCost(OptionalDouble picks, OptionalDouble cpuNanosPerPick, OptionalDouble wallNanosPerPick) {

    /** The cost of each policy in {@code tables}, by policy name. */
    static Map<String, PickCost> byPolicy(List<RunTable> tables) {
        Map<String, PickCost> costs = new TreeMap<>();
        for (String policy : tables.stream().map(RunTable::policy).distinct().toList()) {
            costs.put(policy, of(tables.stream().filter(t -> t.policy().equals(policy)).toList()));
        }
        return costs;
    }

    /** The cost over the points of {@code tables}. */
    static PickCost of(List<RunTable> tables) {
        return new PickCost(sum(tables, ServerStats.PICKS),
                per(sum(tables, ServerStats.PICK_CPU_SUM_NS), sum(tables, ServerStats.PICK_CPU_SAMPLES)),
                per(sum(tables, ServerStats.PICK_WALL_SUM_NS), sum(tables, ServerStats.PICK_SAMPLES)));
    }

    /** Sum of a column over every row that has it; empty if none has. */
    private static OptionalDouble sum(List<RunTable> tables, String column) {
        double total = 0;
        boolean any = false;
        for (RunTable table : tables) {
            for (Map<String, String> row : table.rows()) {
                OptionalDouble value = RunTable.number(row, column);
                if (value.isPresent()) {
                    total += value.getAsDouble();
                    any = true;
                }
            }
        }
        return any ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    private static OptionalDouble per(OptionalDouble nanos, OptionalDouble samples) {
        if (nanos.isEmpty() || samples.isEmpty() || samples.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(nanos.getAsDouble() / samples.getAsDouble());
    }
}
