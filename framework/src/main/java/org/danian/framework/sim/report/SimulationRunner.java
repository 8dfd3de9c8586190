package org.danian.framework.sim.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.danian.framework.sim.SimulateAnswer;
import org.danian.framework.sim.SimulateCommandRunner;

/**
 * {@code bin/danian simulate}: the discrete-event simulator (docs/simulator.md) outside the
 * framework, with the policies found on the class path ({@link SimulationPolicies}); writes
 * the CSVs, a PNG per figure ({@link SimulationFigures}) and {@code index.html} into
 * {@code --out}. The options are {@code danian:simulate}'s. Prints the summary (JSON with
 * {@code --json}); exits 0, or 2 with the reason on standard error for a bad option.
 */
public final class SimulationRunner {

    private SimulationRunner() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(Arrays.asList(args)));
    }

    static int run(List<String> args) throws IOException {
        SimulationPolicies policies = SimulationPolicies.discover(SimulationRunner.class.getClassLoader());
        SimulateCommandRunner.Outcome outcome;
        try {
            outcome = SimulateCommandRunner.run(args, policies.pickPolicies(), policies.allocators());
        } catch (IllegalArgumentException e) {
            System.err.println("danian simulate: " + e.getMessage());
            return 2;
        }
        Path out = outcome.options().out();
        List<SimulationFigure> figures = SimulationFigures.draw(outcome.points());
        for (SimulationFigure figure : figures) {
            if (figure.drawn()) {
                Files.write(out.resolve(figure.file()), figure.png());
            }
        }
        Files.writeString(out.resolve("index.html"), html(outcome.answer(), figures), StandardCharsets.UTF_8);
        SimulateAnswer answer = outcome.answer();
        System.out.print(outcome.options().json() ? new com.google.gson.Gson().toJson(answer) + "\n" : answer.render());
        return 0;
    }

    private static String html(SimulateAnswer answer, List<SimulationFigure> figures) {
        StringBuilder page = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
                + "<title>Danian simulation</title></head><body>\n<h1>Danian simulation</h1>\n"
                + "<p>Virtual-time runs of the kernel's scheduling code (docs/simulator.md). Data: latency.csv,"
                + " cores.csv, scheduler.csv, pickcost.csv, calibration.csv (pick costs charged; pass it back with"
                + " --calibration for a byte-identical rerun), perf.csv (wall-clock speed).</p>\n<pre>")
                .append(escape(answer.render())).append("</pre>\n");
        for (SimulationFigure figure : figures) {
            page.append("<h2>").append(escape(figure.title())).append("</h2>\n");
            if (figure.drawn()) {
                page.append("<img src=\"").append(escape(figure.file())).append("\" alt=\"")
                        .append(escape(figure.title())).append("\">\n");
            }
            page.append("<p>").append(escape(figure.caption()));
            if (!figure.note().isEmpty()) {
                page.append(" <em>").append(escape(figure.note())).append("</em>");
            }
            page.append("</p>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
