package org.danian.workloads.experiment;

import java.util.ArrayList;
import java.util.List;

/**
 * The paper's Table 2 (Danian §7): time and space complexity of each thread-pick policy's
 * operations, with the measured cost of a pick from this run beside it (mean over the repeats
 * ± 95% interval). Rows for {@code caladan} and {@code danian} are the paper's (n = cores, as
 * the paper writes it); {@code danian-exact} and {@code lottery} are ours, from their
 * policies' header comments (k = kthreads of the proc, c = cores). Any other policy measured
 * in the run (e.g. one hot-deployed into the server's {@code load/}) gets a row whose
 * complexities are unknown to the report: only its measured cost, "as measured". The
 * {@code baseline} has no thread pick and no row.
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
    private static final String UNKNOWN = "—";

    private ComplexityTable() {
    }

    static ReportTable of(List<RunTable> tables) {
        ReportTable table = new ReportTable("POLICY", "SOURCE", "INIT", "INSERT (PARK)", "REMOVE", "UPDATE",
                "SEARCH (PICK)", "SPACE", "MEASURED CPU ns/pick", "MEASURED WALL ns/pick");
        List<String> known = new ArrayList<>();
        for (List<String> row : ROWS) {
            known.add(row.get(0));
            List<String> cells = new ArrayList<>(row);
            cells.addAll(measured(tables, row.get(0)));
            table.row(cells.toArray(String[]::new));
        }
        tables.stream().map(RunTable::policy).distinct().sorted()
                .filter(policy -> !known.contains(policy) && !policy.equals(BaselineServerSide.POLICY))
                .forEach(policy -> {
                    List<String> cells = new ArrayList<>(List.of(policy, "as measured (not in the paper)", UNKNOWN,
                            UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN));
                    cells.addAll(measured(tables, policy));
                    table.row(cells.toArray(String[]::new));
                });
        return table;
    }

    private static List<String> measured(List<RunTable> tables, String policy) {
        if (tables.stream().noneMatch(t -> t.policy().equals(policy))) {
            return List.of("not run", "not run");
        }
        return List.of(Repeats.pickCpu(tables, policy).format(1), Repeats.pickWall(tables, policy).format(1));
    }
}
