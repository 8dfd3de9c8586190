package org.danian.distribution.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answer of {@code danian:policies}, read from its text table (columns NAME, KIND, BUNDLE,
 * VERSION, ACTIVE, each padded to its widest cell). The end-to-end tests read that answer only
 * through this class, so a change of the shell's output format is a change here.
 */
record PolicyListing(List<Row> rows) {

    /** One listed policy. */
    record Row(String name, String kind, String bundle, String version, String active) {
    }

    /** The header; a prompt may stand before it on the same line. */
    private static final Pattern HEADER = Pattern.compile("NAME +KIND +BUNDLE +VERSION +ACTIVE");
    private static final String[] COLUMNS = {"NAME", "KIND", "BUNDLE", "VERSION", "ACTIVE"};

    /** The table in {@code answer}; no rows if there is none (the kernel or shell not up yet). */
    static PolicyListing parse(String answer) {
        List<String> lines = answer.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            Matcher header = HEADER.matcher(lines.get(i));
            if (header.find()) {
                return new PolicyListing(rows(lines.subList(i + 1, lines.size()), lines.get(i), header.start()));
            }
        }
        return new PolicyListing(List.of());
    }

    /** Rows up to the first blank line, cut at the header's column offsets. */
    private static List<Row> rows(List<String> lines, String headerLine, int tableStart) {
        int[] starts = new int[COLUMNS.length];
        for (int c = 0; c < COLUMNS.length; c++) {
            starts[c] = headerLine.indexOf(COLUMNS[c], tableStart) - tableStart;
        }
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                break;
            }
            String[] cells = new String[COLUMNS.length];
            for (int c = 0; c < COLUMNS.length; c++) {
                int end = c + 1 < COLUMNS.length ? Math.min(starts[c + 1], line.length()) : line.length();
                cells[c] = line.substring(Math.min(starts[c], end), end).strip();
            }
            rows.add(new Row(cells[0], cells[1], cells[2], cells[3], cells[4]));
        }
        return rows;
    }

    /** The row of the thread-pick policy {@code name}, if listed. */
    Optional<Row> threadPick(String name) {
        return rows.stream().filter(row -> row.kind().equals("thread-pick") && row.name().equals(name)).findFirst();
    }

    /** The name of the active thread-pick policy, if one is active. */
    Optional<String> activeThreadPick() {
        return rows.stream().filter(row -> row.kind().equals("thread-pick") && row.active().equals("yes"))
                .map(Row::name).findFirst();
    }

    @Override
    public String toString() {
        return rows.toString();
    }
}
