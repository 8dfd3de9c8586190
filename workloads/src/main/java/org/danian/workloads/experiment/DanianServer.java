package org.danian.workloads.experiment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danian.workloads.baseline.Workload;

/**
 * The Danian server side: {@code <danian-home>/bin/danian serve --workload W --port 0} as a
 * child process, talked to through its standard input and output.
 *
 * <p>The contract it relies on (also in workloads/README.md, "Experiments"):
 * <ol>
 *   <li>{@code --workload} is {@code synthetic}, {@code netperf} or {@code all};
 *       {@code --port 0} asks each server for any free port.</li>
 *   <li>When a server listens, the process prints the line {@code <workload> <address> <port>}
 *       (e.g. {@code netperf 0.0.0.0 40123}); once there is one per workload asked for, the
 *       runner starts measuring.</li>
 *   <li>A Gogo shell reads standard input and answers as data when asked:
 *       {@code danian:policy --json <name>} prints one JSON line whose member {@code result}
 *       is the kernel's {@code SwapResult} (outcome {@code SWAPPED} or {@code ALREADY_ACTIVE}
 *       is a success); a failed swap prints an error and no such line. {@code danian:policy
 *       --json} prints the thread-pick slot's status, whose member {@code configured} the
 *       runner restores when it is done. {@code echo X} prints
 *       {@code X} (see {@link ShellSession}). Standard error may be used for errors: it is
 *       read merged with standard output.</li>
 *   <li>{@code danian:stats --json} prints the kernel's {@code MetricsSnapshot} as one JSON
 *       line, whose cumulative pick counters the runner reads (see {@link ServerStats});
 *       missing ones are reported as n/a.</li>
 *   <li>SIGTERM stops it cleanly with exit status 0.</li>
 * </ol>
 * Everything the process prints is kept in {@code server-danian.log} in the results folder.
 */
final class DanianServer implements ServerSide {

    /** The outcomes of {@code SwapResult} that leave the asked policy active. */
    private static final Set<String> SWAP_SUCCESSES = Set.of("SWAPPED", "ALREADY_ACTIVE");
    private static final Pattern READY = Pattern.compile("(synthetic|netperf)\\s+(\\S+)\\s+(\\d{1,5})");

    private final ExperimentNode node;
    private final Path launcher;
    private final String bind;
    private final Set<Workload> workloads;
    private final Path log;
    private final long startTimeoutSeconds;
    private final long commandTimeoutSeconds;
    private ChildProcess process;
    private ShellSession shell;

    /**
     * @param node where the server runs
     * @param danianHome the distribution folder on that node, holding {@code bin/danian}
     * @param bind the address the servers bind ({@code serve --bind}), or null for serve's default
     * @param workloads the workloads to serve (both: {@code --workload all})
     * @param log where the process's output is kept
     */
    DanianServer(ExperimentNode node, Path danianHome, String bind, Set<Workload> workloads, Path log,
            long startTimeoutSeconds, long commandTimeoutSeconds) {
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workload to serve");
        }
        this.node = node;
        this.bind = bind;
        this.launcher = danianHome.resolve("bin").resolve("danian");
        this.workloads = Set.copyOf(workloads);
        this.log = log;
        this.startTimeoutSeconds = startTimeoutSeconds;
        this.commandTimeoutSeconds = commandTimeoutSeconds;
    }

    /** The launcher the server side runs, for checks and messages. */
    Path launcher() {
        return launcher;
    }

    /** The {@code --workload} value for the workloads served. */
    String workloadArgument() {
        return workloads.size() == Workload.values().length ? "all" : workloads.iterator().next().label();
    }

    @Override
    public Map<Workload, InetSocketAddress> start() throws IOException, InterruptedException {
        if (node.isLocal() && !Files.isExecutable(launcher)) {
            throw new IOException("no executable Danian launcher at " + launcher + " (check --danian-home)");
        }
        process = ChildProcess.start("danian serve", node, command(), log);
        shell = new ShellSession(process, commandTimeoutSeconds);
        return awaitReady();
    }

    /** The serve command line, as run on the node. */
    List<String> command() {
        List<String> command = new java.util.ArrayList<>(List.of(launcher.toString(), "serve", "--workload",
                workloadArgument(), "--port", "0"));
        if (bind != null) {
            command.add("--bind");
            command.add(bind);
        }
        return command;
    }

    private Map<Workload, InetSocketAddress> awaitReady() throws IOException, InterruptedException {
        Map<Workload, InetSocketAddress> listening = new EnumMap<>(Workload.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startTimeoutSeconds);
        while (listening.size() < workloads.size()) {
            String line = process.nextLine(deadline);
            if (line == null) {
                String why = !process.hasEnded() ? "did not report ready within " + startTimeoutSeconds + " s" : "exited";
                throw new IOException("danian serve " + why + " (listening: " + listening.keySet()
                        + "); last output: " + process.recentOutput());
            }
            readiness(line).ifPresent(ready -> listening.put(ready.getKey(), ready.getValue()));
        }
        listening.keySet().retainAll(workloads);
        return listening;
    }

    /** A readiness line's workload and the address a client on this machine reaches it at. */
    static Optional<Map.Entry<Workload, InetSocketAddress>> readiness(String line) {
        Matcher matcher = READY.matcher(ShellSession.stripPrompt(line));
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(matcher.group(3));
        InetAddress address;
        try {
            address = reachable(InetAddress.getByName(matcher.group(2)));
        } catch (IOException e) {
            return Optional.empty();
        }
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        Workload workload = Workload.valueOf(matcher.group(1).toUpperCase(Locale.ROOT));
        return Optional.of(Map.entry(workload, new InetSocketAddress(address, port)));
    }

    /** A server bound to the wildcard address is reached through the loopback. */
    static InetAddress reachable(InetAddress bound) {
        return bound.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : bound;
    }

    @Override
    public void swapTo(String policy) throws IOException, InterruptedException {
        List<String> answer = shell.run("danian:policy --json " + policy);
        boolean swapped = answer.stream().map(ShellAnswers::jsonObject)
                .map(json -> ShellAnswers.member(json, "result"))
                .anyMatch(result -> result != null && result.has("outcome")
                        && SWAP_SUCCESSES.contains(result.get("outcome").getAsString()));
        if (!swapped) {
            throw new IllegalStateException("swap to '" + policy + "' failed: "
                    + (answer.isEmpty() ? "(no answer)" : String.join(" | ", answer)));
        }
    }

    /** The {@code configured} member of {@code danian:policy --json} (the thread-pick slot's status). */
    @Override
    public Optional<String> configuredPolicy() throws IOException, InterruptedException {
        return shell.run("danian:policy --json").stream().map(ShellAnswers::jsonObject)
                .filter(json -> json != null && json.has("configured") && json.get("configured").isJsonPrimitive())
                .map(json -> json.get("configured").getAsString()).findFirst();
    }

    /** The {@code settings} member of {@code danian:status --json} (the kernel's {@code KernelSettings}). */
    @Override
    public Optional<String> settings() throws IOException, InterruptedException {
        return shell.run("danian:status --json").stream().map(ShellAnswers::jsonObject)
                .map(json -> ShellAnswers.member(json, "settings")).filter(java.util.Objects::nonNull)
                .map(Object::toString).findFirst();
    }

    @Override
    public OptionalLong cpuNanos() {
        return process == null ? OptionalLong.empty() : process.cpuNanos();
    }

    @Override
    public ServerStats stats() throws IOException, InterruptedException {
        return ServerStats.parse(shell.run("danian:stats --json"));
    }

    @Override
    public String stop() throws InterruptedException {
        if (process == null) {
            return "";
        }
        int status = process.stop(30);
        process = null;
        return status == 0 ? "" : "danian serve did not stop cleanly on SIGTERM (exit status "
                + (status < 0 ? "none: killed after 30 s" : Integer.toString(status)) + ")";
    }

    @Override
    public String describe() {
        return String.join(" ", command().subList(0, 4)) + (node.isLocal() ? "" : " on " + node.label());
    }
}
