package org.danian.workloads.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table of text cells, rendered with aligned columns (stdout) or as HTML. */
final class ReportTable {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    ReportTable(String... header) {
        this.header = List.of(header);
    }

    void row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row of " + cells.length + " cells for " + header.size() + " columns: "
                    + Arrays.toString(cells));
        }
        rows.add(List.of(cells));
    }

    List<String> header() {
        return header;
    }

    List<List<String>> rows() {
        return List.copyOf(rows);
    }

    /** Columns padded to their widest cell, two spaces apart. */
    String render() {
        int[] widths = new int[header.size()];
        for (List<String> line : all()) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> line : all()) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                text.append(i == 0 ? "" : "  ").append(String.format("%-" + widths[i] + "s", line.get(i)));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** An HTML {@code <table>}, cells escaped. */
    String html() {
        StringBuilder out = new StringBuilder("<table>\n<tr>");
        header.forEach(cell -> out.append("<th>").append(Html.escape(cell)).append("</th>"));
        out.append("</tr>\n");
        for (List<String> row : rows) {
            out.append("<tr>");
            row.forEach(cell -> out.append("<td>").append(Html.escape(cell)).append("</td>"));
            out.append("</tr>\n");
        }
        return out.append("</table>\n").toString();
    }

    private List<List<String>> all() {
        List<List<String>> all = new ArrayList<>();
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
