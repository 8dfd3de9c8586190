package org.danian.workloads.experiment;

import java.util.List;
import java.util.Map;

/**
 * The paper's Table 2 (Danian §7): time and space complexity of each thread-pick policy's
 * operations, with the measured mean cost of a pick from this run beside it. Rows for
 * {@code caladan} and {@code danian} are the paper's (n = cores, as the paper writes it);
 * {@code danian-exact} and {@code lottery} are ours, from their policies' header comments
 * (k = kthreads of the proc, c = cores). The {@code baseline} has no thread pick and no row.
 */
final class ComplexityTable {

    /** policy, source, init, insert (park), remove, update, search (pick), space. */
    private static final List<List<String>> ROWS = List.of(
            List.of("caladan", "paper, Table 2", "O(n)", "O(1)", "O(n)", "O(n)", "O(n)", "O(n)"),
            List.of("danian", "paper, Table 2", "O(n)", "O(1)", "O(1)", "O(1)", "O(1)", "O(n)"),
            List.of("danian-exact", "ours: per-core park-order lists", "O(k + c)", "O(1)", "O(1)", "O(1)", "O(1)",
                    "O(k + c)"),
            List.of("lottery", "ours: partial-sum tree of tickets", "O(k)", "O(log k)", "O(log k)", "O(log k)",
                    "O(log k)", "O(k)"));

    private ComplexityTable() {
    }

    static ReportTable of(List<RunTable> tables) {
        Map<String, PickCost> costs = PickCost.byPolicy(tables);
        ReportTable table = new ReportTable("POLICY", "SOURCE", "INIT", "INSERT (PARK)", "REMOVE", "UPDATE",
                "SEARCH (PICK)", "SPACE", "MEASURED CPU ns/pick", "MEASURED WALL ns/pick");
        for (List<String> row : ROWS) {
            PickCost cost = costs.get(row.get(0));
            String cpu = cost == null ? "not run" : Summary.format(cost.cpuNanosPerPick());
            String wall = cost == null ? "not run" : Summary.format(cost.wallNanosPerPick());
            table.row(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6), row.get(7),
                    cpu, wall);
        }
        return table;
    }
}
