package org.danian.workloads.experiment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.danian.workloads.baseline.Workload;
import org.danian.workloads.client.NetperfClient;
import org.danian.workloads.client.SyntheticClient;

/**
 * One point measured by a client main of this module in its own JVM (never inside the server
 * it measures): the client writes its CSV, which is read back as column name to value.
 */
final class ClientRun {

    /** Start-up, handshake and grace on top of the measured time before a client is given up. */
    private static final long MARGIN_SECONDS = 60;

    /** The head of a stack trace: a throwable's class name, optionally with its message. */
    private static final Pattern EXCEPTION_LINE = Pattern.compile(
            "^(Exception in thread \"[^\"]*\" )?[\\w$.]+(Exception|Error)(: |$)");

    private final JavaLauncher java;
    private final Sweep sweep;

    ClientRun(JavaLauncher java, Sweep sweep) {
        this.java = java;
        this.sweep = sweep;
    }

    /**
     * Runs the client for {@code point} against {@code server}; its CSV goes to {@code csv} and
     * its output to {@code log}.
     *
     * @return the CSV's one row, by column
     * @throws IOException if the client failed, timed out or wrote no row (the message says which)
     */
    Map<String, String> run(Sweep.Point point, InetSocketAddress server, Path csv, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.deleteIfExists(csv);
        List<String> command = command(point, hostPort(server), csv);
        Process client = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        long limit = (long) Math.ceil(sweep.expectedSeconds(point.workload())) + MARGIN_SECONDS;
        if (!client.waitFor(limit, TimeUnit.SECONDS)) {
            client.destroyForcibly().waitFor();
            throw new IOException("client for " + point.label() + " still running after " + limit + " s; see " + log);
        }
        if (client.exitValue() != 0) {
            throw new IOException("client for " + point.label() + " exited with status " + client.exitValue()
                    + ": " + rootCause(log) + " (log: " + log.getFileName() + ")");
        }
        return readRow(csv);
    }

    List<String> command(Sweep.Point point, String server, Path csv) {
        if (point.workload() == Workload.SYNTHETIC) {
            return java.command(SyntheticClient.class.getName(), List.of("--server", server,
                    "--rate", point.token(), "--samples", "1",
                    "--runtime", number(sweep.syntheticSeconds()), "--rampup", number(sweep.syntheticRampupSeconds()),
                    "--distribution", Sweep.SYNTHETIC_DISTRIBUTION, "--mean", number(Sweep.SYNTHETIC_MEAN_ITERATIONS),
                    "--seed", Long.toString(Sweep.SYNTHETIC_SEED), "--csv", csv.toString()));
        }
        return java.command(NetperfClient.class.getName(), List.of("--server", server,
                "--threads", point.token(), "--duration", number(sweep.netperfSeconds()), "--csv", csv.toString()));
    }

    /** The single data row of a client CSV, by column. */
    static Map<String, String> readRow(Path csv) throws IOException {
        List<String> lines = Files.exists(csv) ? Files.readAllLines(csv, StandardCharsets.UTF_8) : List.of();
        if (lines.size() != 2) {
            throw new IOException("expected a header and one row in " + csv + ", found " + lines.size() + " lines");
        }
        String[] header = lines.get(0).split(",", -1);
        String[] values = lines.get(1).split(",", -1);
        if (header.length != values.length) {
            throw new IOException("row and header of " + csv + " differ in length");
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
            row.put(header[i].strip(), values[i].strip());
        }
        return row;
    }

    private static String hostPort(InetSocketAddress server) {
        String host = server.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value) : Double.toString(value);
    }

    private static String rootCause(Path log) {
        try {
            return rootCause(Files.readAllLines(log, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "(no output)";
        }
    }

    /**
     * The one line of a client's output that says why it failed: the innermost cause of a Java
     * stack trace ("Caused by: …", without the prefix), else the exception line itself, else the
     * last line that is not a stack frame (a picocli or plain error message).
     */
    static String rootCause(List<String> lines) {
        String exception = null;
        String lastMessage = null;
        for (String line : lines) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("at ") || (text.startsWith("...") && text.endsWith("more"))) {
                continue;
            }
            if (text.startsWith("Caused by: ")) {
                exception = text.substring("Caused by: ".length());
            } else if (EXCEPTION_LINE.matcher(text).find() && exception == null) {
                exception = text.replaceFirst("^Exception in thread \"[^\"]*\" ", "");
            }
            lastMessage = text;
        }
        if (exception != null) {
            return exception;
        }
        return lastMessage == null ? "(no output)" : lastMessage;
    }
}
