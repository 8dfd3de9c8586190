package org.danian.workloads.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The CSV of one run, {@code <workload>-<policy>.csv} in the results folder: one row per
 * sample point (see {@link PointResult#row}). The report is drawn from these files alone, so
 * it can be redrawn from a results folder.
 *
 * @param workload the workload's label
 * @param policy the policy
 * @param rows the rows in sweep order, by column
 */
record RunTable(String workload, String policy, List<Map<String, String>> rows) {

    private static final Pattern FILE = Pattern.compile("(synthetic|netperf)-([a-z0-9][a-z0-9-]*)\\.csv");

    RunTable {
        rows = List.copyOf(rows);
    }

    static Path file(Path folder, String workload, String policy) {
        return folder.resolve(workload + "-" + policy + ".csv");
    }

    /**
     * Writes the rows of one run (all of one workload and policy, from the same client, so with
     * the same columns) to its file.
     */
    static void write(Path folder, List<PointResult> results) throws IOException {
        PointResult first = results.get(0);
        StringBuilder csv = new StringBuilder();
        csv.append(String.join(",", first.row().keySet())).append('\n');
        for (PointResult result : results) {
            csv.append(String.join(",", result.row().values())).append('\n');
        }
        Files.createDirectories(folder);
        Files.writeString(file(folder, first.workload(), first.policy()), csv, StandardCharsets.UTF_8);
    }

    /** Every run table in {@code folder}, sorted by workload then policy file name. */
    static List<RunTable> readAll(Path folder) throws IOException {
        List<RunTable> tables = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path path : files.sorted().toList()) {
                Matcher name = FILE.matcher(path.getFileName().toString());
                if (name.matches()) {
                    tables.add(read(path, name.group(1), name.group(2)));
                }
            }
        }
        return tables;
    }

    private static RunTable read(Path path, String workload, String policy) throws IOException {
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        List<Map<String, String>> rows = new ArrayList<>();
        if (!lines.isEmpty()) {
            String[] header = lines.get(0).split(",", -1);
            for (String line : lines.subList(1, lines.size())) {
                String[] values = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) {
                    row.put(header[i].strip(), i < values.length ? values[i].strip() : PointResult.NOT_AVAILABLE);
                }
                rows.add(row);
            }
        }
        return new RunTable(workload, policy, rows);
    }

    /** A finite number from a cell, or empty for n/a, inf, a missing column or text. */
    static OptionalDouble number(Map<String, String> row, String column) {
        String cell = row.get(column);
        if (cell == null) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(cell);
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    /** Sum of a column over the rows, or empty if any row lacks it (a partial sum would mislead). */
    OptionalDouble total(String column) {
        double sum = 0;
        for (Map<String, String> row : rows) {
            OptionalDouble value = number(row, column);
            if (value.isEmpty()) {
                return OptionalDouble.empty();
            }
            sum += value.getAsDouble();
        }
        return rows.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(sum);
    }

    /** The repeats in this table, ascending; a table without a repeat column is repeat 1. */
    List<Integer> repeats() {
        return rows.stream().map(RunTable::repeatOf).distinct().sorted().toList();
    }

    /** The rows of one repeat, in sweep order. */
    List<Map<String, String>> rowsOf(int repeat) {
        return rows.stream().filter(row -> repeatOf(row) == repeat).toList();
    }

    /** This table restricted to one repeat. */
    RunTable ofRepeat(int repeat) {
        return new RunTable(workload, policy, rowsOf(repeat));
    }

    /** The point tokens in sweep order, each once. */
    List<String> points() {
        return rows.stream().map(row -> row.get("point")).distinct().toList();
    }

    /** The rows of {@code point}, one per repeat that measured it. */
    List<Map<String, String>> rowsAt(String point) {
        return rows.stream().filter(row -> point.equals(row.get("point"))).toList();
    }

    static int repeatOf(Map<String, String> row) {
        OptionalDouble repeat = number(row, PointResult.REPEAT);
        return repeat.isPresent() ? (int) repeat.getAsDouble() : 1;
    }

    /** Mean of a column over the rows that have it, or empty if none has. */
    OptionalDouble mean(String column) {
        return rows.stream().map(row -> number(row, column)).filter(OptionalDouble::isPresent)
                .mapToDouble(OptionalDouble::getAsDouble).average();
    }
}
