package org.danian.workloads.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The numbers of the report over the repeats of the experiment, each as an {@link Interval}:
 * one value per repeat, so the interval shows how much a number moved from one repeat to the
 * next (the run-to-run spread that a single run hides), never the spread within a
 * point.
 */
final class Repeats {

    private Repeats() {
    }

    /** A column at one point: one value per repeat that measured it and wrote a finite number. */
    static Interval at(RunTable table, String point, String column) {
        return Interval.of(table.rowsAt(point).stream().map(row -> RunTable.number(row, column))
                .filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).toArray());
    }

    /** How many repeats measured the point but wrote no finite number in the column (n/a, inf). */
    static int missingAt(RunTable table, String point, String column) {
        return (int) table.rowsAt(point).stream().filter(row -> RunTable.number(row, column).isEmpty()).count();
    }

    /** A column's mean over the points of each repeat: one value per repeat. */
    static Interval meanPerRepeat(RunTable table, String column) {
        return perRepeat(table.repeats(), repeat -> table.ofRepeat(repeat).mean(column));
    }

    /** The mean CPU time of a pick in each repeat, over every run of {@code policy}. */
    static Interval pickCpu(List<RunTable> tables, String policy) {
        return pickCost(tables, policy, PickCost::cpuNanosPerPick);
    }

    /** The mean wall time of a pick in each repeat, over every run of {@code policy}. */
    static Interval pickWall(List<RunTable> tables, String policy) {
        return pickCost(tables, policy, PickCost::wallNanosPerPick);
    }

    private static Interval pickCost(List<RunTable> tables, String policy, Function<PickCost, OptionalDouble> part) {
        List<RunTable> ofPolicy = tables.stream().filter(t -> t.policy().equals(policy)).toList();
        TreeSet<Integer> repeats = new TreeSet<>();
        ofPolicy.forEach(table -> repeats.addAll(table.repeats()));
        return perRepeat(List.copyOf(repeats),
                repeat -> part.apply(PickCost.of(ofPolicy.stream().map(t -> t.ofRepeat(repeat)).toList())));
    }

    private static Interval perRepeat(List<Integer> repeats, Function<Integer, OptionalDouble> value) {
        List<Double> values = new ArrayList<>();
        for (int repeat : repeats) {
            value.apply(repeat).ifPresent(values::add);
        }
        return Interval.of(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The last point of the sweep (the highest load) of a run, or null if it has no rows. */
    static String lastPoint(RunTable table) {
        List<String> points = table.points();
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** The throughput column of a workload's client CSV. */
    static String rateColumn(String workload) {
        return workload.equals("synthetic") ? "actual_rps" : "rps";
    }

    /** The first row of a point, for its labels. */
    static Map<String, String> firstRow(RunTable table, String point) {
        return table.rowsAt(point).get(0);
    }
}
