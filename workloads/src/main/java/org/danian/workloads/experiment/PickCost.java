package org.danian.workloads.experiment;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * A policy's mean cost of one thread pick, over all of its points: total pick CPU (or wall)
 * nanoseconds over total picks. Empty where a point lacks the counters or no pick happened.
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
            List<RunTable> ofPolicy = tables.stream().filter(t -> t.policy().equals(policy)).toList();
            OptionalDouble picks = sum(ofPolicy, ServerStats.PICKS);
            costs.put(policy, new PickCost(picks, per(sum(ofPolicy, ServerStats.PICK_CPU_NS), picks),
                    per(sum(ofPolicy, ServerStats.PICK_WALL_NS), picks)));
        }
        return costs;
    }

    private static OptionalDouble sum(List<RunTable> tables, String column) {
        double total = 0;
        for (RunTable table : tables) {
            OptionalDouble part = table.total(column);
            if (part.isEmpty()) {
                return OptionalDouble.empty();
            }
            total += part.getAsDouble();
        }
        return tables.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(total);
    }

    private static OptionalDouble per(OptionalDouble nanos, OptionalDouble picks) {
        if (nanos.isEmpty() || picks.isEmpty() || picks.getAsDouble() <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(nanos.getAsDouble() / picks.getAsDouble());
    }
}
