package org.danian.workloads.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Writes the report of a results folder from its run tables ({@code <workload>-<policy>.csv}):
 * the PNG of each figure that has data, and {@code index.html}, one self-contained page (the
 * images are embedded as data URIs, and each links its PNG file) with the summary, Figures 3–8,
 * Table 2 and the run's notes ({@code run-info.txt}, if present).
 */
final class Report {

    static final String INDEX = "index.html";
    static final String RUN_INFO = "run-info.txt";

    private Report() {
    }

    /** Draws and writes everything; returns the summary table. */
    static ReportTable write(Path folder) throws IOException {
        List<RunTable> tables = RunTable.readAll(folder);
        List<Figure> figures = Figures.draw(tables);
        for (Figure figure : figures) {
            if (figure.drawn()) {
                Files.write(folder.resolve(figure.file()), figure.png());
            }
        }
        ReportTable summary = Summary.of(tables);
        Path info = folder.resolve(RUN_INFO);
        List<String> notes = Files.exists(info) ? Files.readAllLines(info, StandardCharsets.UTF_8) : List.of();
        Files.writeString(folder.resolve(INDEX), html(tables, figures, summary, notes), StandardCharsets.UTF_8);
        return summary;
    }

    private static String html(List<RunTable> tables, List<Figure> figures, ReportTable summary, List<String> notes) {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>Danian experiment report</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:72em;margin:1em auto;padding:0 1em}\n")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:.2em .5em;")
                .append("text-align:left}th{background:#eee}figure{margin:2em 0}img{max-width:100%}\n")
                .append(".note{color:#666}\n</style>\n</head>\n<body>\n")
                .append("<h1>Danian experiment report</h1>\n");
        if (!notes.isEmpty()) {
            page.append("<h2>Run</h2>\n<pre>");
            notes.forEach(line -> page.append(Html.escape(line)).append('\n'));
            page.append("</pre>\n");
        }
        page.append("<h2>Summary</h2>\n<p>One row per run; rate and p99 at the run's last (highest-load) point,")
                .append(" CPU the mean over its points, pick costs the mean over its sampled picks; each the mean over")
                .append(" the repeats ± its 95% confidence interval (none with a single repeat). The last column")
                .append(" compares the run's rate with the best of its workload (Welch's t-test, 5%): differences")
                .append(" marked \"not significant\" may be noise. n/a: not measured.</p>\n")
                .append(summary.html());
        page.append("<h2>Figures (Danian paper, §7)</h2>\n");
        figures.forEach(figure -> page.append(figure(figure)));
        page.append("<h2>Table 2: complexity of the thread-pick operations</h2>\n")
                .append("<p>n = cores (the paper's notation); k = kthreads of the proc, c = cores. The measured")
                .append(" columns are this run's mean cost of one pick, over all points of the policy (mean over the")
                .append(" repeats ± 95% interval). A policy the paper does not describe has its cost only.</p>\n")
                .append(ComplexityTable.of(tables).html());
        page.append("<h2>Data</h2>\n<ul>\n");
        for (RunTable table : tables) {
            String file = table.workload() + "-" + table.policy() + ".csv";
            page.append("<li><a href=\"").append(Html.escape(file)).append("\">").append(Html.escape(file))
                    .append("</a></li>\n");
        }
        return page.append("</ul>\n</body>\n</html>\n").toString();
    }

    private static String figure(Figure figure) {
        StringBuilder html = new StringBuilder("<figure id=\"fig").append(figure.number()).append("\">\n");
        if (figure.drawn()) {
            html.append("<a href=\"").append(Html.escape(figure.file())).append("\"><img src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(figure.png())).append("\" alt=\"")
                    .append(Html.escape(figure.title())).append("\"></a>\n");
        }
        html.append("<figcaption><b>Figure ").append(figure.number()).append(". ").append(Html.escape(figure.title()))
                .append(".</b> ").append(Html.escape(figure.caption()));
        if (!figure.note().isEmpty()) {
            html.append(" <span class=\"note\">(").append(Html.escape(figure.note())).append(")</span>");
        }
        return html.append("</figcaption>\n</figure>\n").toString();
    }
}
