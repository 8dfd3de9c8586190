package org.danian.workloads.experiment;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.danian.workloads.baseline.Workload;
import org.danian.workloads.client.ClientJson;
import org.danian.workloads.client.NetperfClient;
import org.danian.workloads.client.SyntheticClient;

/**
 * One point measured by client mains of this module, each in its own JVM (never inside the
 * server it measures), on one or more client nodes: the point's load is split between them
 * (the synthetic rate divided, the netperf threads spread, see {@link #shares}), all start
 * together, and each prints its result as one JSON line ({@code --json}) on its standard
 * output, which comes back to the runner over ssh for a remote node. The results are merged
 * ({@link ClientResults}: latency histograms added, percentiles read from the sum) into one
 * row, which is also written as the point's client CSV.
 */
final class ClientRun {

    /** Start-up, handshake and grace on top of the measured time before a client is given up. */
    private static final long MARGIN_SECONDS = 60;

    /** The head of a stack trace: a throwable's class name, optionally with its message. */
    private static final Pattern EXCEPTION_LINE = Pattern.compile(
            "^(Exception in thread \"[^\"]*\" )?[\\w$.]+(Exception|Error)(: |$)");

    /**
     * A client node and how a JVM is started there.
     *
     * @param node where the client runs
     * @param java the {@code java} binary and class path on that node
     */
    record ClientHost(ExperimentNode node, JavaLauncher java) {
    }

    private final List<ClientHost> hosts;
    private final Sweep sweep;

    ClientRun(JavaLauncher java, Sweep sweep) {
        this(List.of(new ClientHost(ExperimentNode.LOCAL, java)), sweep);
    }

    ClientRun(List<ClientHost> hosts, Sweep sweep) {
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("no client host");
        }
        this.hosts = List.copyOf(hosts);
        this.sweep = sweep;
    }

    /**
     * Runs the clients for {@code point} against {@code server}; the merged row goes to
     * {@code csv}, the output of client i to {@code log} (with {@code -i} before the extension
     * when there are several).
     *
     * @return the merged row, by column
     * @throws IOException if a client failed, timed out or printed no result (the message says which)
     */
    Map<String, String> run(Sweep.Point point, InetSocketAddress server, Path csv, Path log)
            throws IOException, InterruptedException {
        Files.createDirectories(csv.toAbsolutePath().getParent());
        Files.createDirectories(log.toAbsolutePath().getParent());
        Files.deleteIfExists(csv);
        List<List<String>> shares = shares(point, hostPort(server), hosts.size());
        List<Process> clients = new ArrayList<>();
        List<Path> logs = new ArrayList<>();
        try {
            for (int i = 0; i < shares.size(); i++) {
                if (shares.get(i) == null) {
                    continue;
                }
                Path clientLog = shares.size() == 1 ? log : numbered(log, i + 1);
                ClientHost host = hosts.get(i);
                clients.add(new ProcessBuilder(host.node().command(host.java().command(mainClass(point),
                        shares.get(i)))).redirectErrorStream(true).redirectOutput(clientLog.toFile()).start());
                logs.add(clientLog);
            }
            List<JsonObject> results = new ArrayList<>();
            long limit = (long) Math.ceil(sweep.expectedSeconds(point.workload())) + MARGIN_SECONDS;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(limit);
            for (int i = 0; i < clients.size(); i++) {
                results.add(await(clients.get(i), logs.get(i), point, limit, deadline));
            }
            Map<String, String> row = ClientResults.merge(point.workload(), results);
            Files.write(csv, List.of(String.join(",", row.keySet()), String.join(",", row.values())),
                    StandardCharsets.UTF_8);
            return row;
        } finally {
            clients.forEach(Process::destroyForcibly); // only those still running: a failure ends the point
        }
    }

    private static JsonObject await(Process client, Path log, Sweep.Point point, long limit, long deadline)
            throws IOException, InterruptedException {
        if (!client.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            throw new IOException("client for " + point.label() + " still running after " + limit + " s; see " + log);
        }
        if (client.exitValue() != 0) {
            throw new IOException("client for " + point.label() + " exited with status " + client.exitValue()
                    + ": " + rootCause(log) + " (log: " + log.getFileName() + ")");
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        for (int i = lines.size() - 1; i >= 0; i--) {
            JsonObject json = ShellAnswers.jsonObject(lines.get(i));
            if (json != null && json.has(ClientJson.LATENCY_HISTOGRAM)) {
                return json;
            }
        }
        throw new IOException("client for " + point.label() + " printed no JSON result (log: " + log.getFileName()
                + ")");
    }

    private static String mainClass(Sweep.Point point) {
        return point.workload() == Workload.SYNTHETIC ? SyntheticClient.class.getName() : NetperfClient.class.getName();
    }

    /**
     * The client arguments of each of {@code hosts} client nodes for {@code point}, null for a
     * node left idle. The synthetic rate is divided evenly, each node with a seed of its own
     * (the same seed would send the same arrival times from every node); the netperf threads
     * are spread, the first nodes taking one more when they do not divide evenly, so a point
     * with fewer threads than nodes leaves the last nodes idle.
     */
    List<List<String>> shares(Sweep.Point point, String server, int hosts) {
        List<List<String>> shares = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            if (point.workload() == Workload.SYNTHETIC) {
                shares.add(List.of("--server", server, "--rate", number(point.value() / hosts), "--samples", "1",
                        "--runtime", number(sweep.syntheticSeconds()), "--rampup", number(sweep.syntheticRampupSeconds()),
                        "--distribution", Sweep.SYNTHETIC_DISTRIBUTION, "--mean", number(Sweep.SYNTHETIC_MEAN_ITERATIONS),
                        "--seed", Long.toString(Sweep.SYNTHETIC_SEED + i), "--json"));
            } else {
                int threads = (int) point.value() / hosts + (i < (int) point.value() % hosts ? 1 : 0);
                shares.add(threads == 0 ? null : List.of("--server", server, "--threads", Integer.toString(threads),
                        "--duration", number(sweep.netperfSeconds()), "--json"));
            }
        }
        return shares;
    }

    /** {@code log} with {@code -index} before its extension. */
    static Path numbered(Path log, int index) {
        String name = log.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String numbered = dot < 0 ? name + "-" + index : name.substring(0, dot) + "-" + index + name.substring(dot);
        return log.resolveSibling(numbered);
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
