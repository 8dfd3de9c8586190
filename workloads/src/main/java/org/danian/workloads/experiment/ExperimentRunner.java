package org.danian.workloads.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.danian.workloads.baseline.Workload;
import org.danian.workloads.cli.Arguments;
import org.danian.workloads.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code experiment [--workload synthetic|netperf|all] [--policies LIST] [--quick] [--repeat N]
 * [--out DIR] [--danian-home DIR] [--server NODE --clients NODES --server-address IP …]}: reproduces the
 * Danian paper's experiments (§6–7, Figures 3–8 and Table 2) for the policies given, against this
 * machine's loopback, or with the server and the clients on other nodes reached with OpenSSH
 * ({@link NodeOptions}, {@link ExperimentNode}; docs/testbed.md).
 *
 * <p>The Danian policies run on one {@code bin/danian serve} process ({@link DanianServer}),
 * started once and hot-swapped between runs; {@code baseline} runs on the plain
 * {@code ThreadPoolExecutor} servers ({@link BaselineServerSide}). Each point is measured by a
 * client JVM of its own. Results go to {@code --out} (default {@code results/<timestamp>/}):
 * one CSV per run (a row per point and repeat), the client CSVs and logs, the PNG figures,
 * {@code index.html}, {@code run-info.txt} (the command, the code and machine it ran on, the
 * nodes, see {@link RunInfo}) and {@code nodes.json} (the nodes and where each server side
 * listened). Progress goes to standard output, then the summary table.
 *
 * <p>Exit status: 0 if every point ran, 1 if some failed (listed at the end), 2 for bad
 * options (a message naming the value). Runs outside OSGi, in its own JVM; plots render
 * headless.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Runs the paper's experiments for the given policies; writes CSV, PNG plots and index.html.")
public final class ExperimentRunner implements Callable<Integer> {

    /** The shipped policies and the baseline, in the default order. */
    static final List<String> POLICIES = List.of("caladan", "danian", "danian-exact", "lottery", BaselineServerSide.POLICY);

    /**
     * A thread-pick policy name as the shell takes it. Any such name is accepted, so that a
     * researcher's policy dropped into the server's {@code load/} folder can be compared; a
     * name the server does not have fails at its swap, with the server's list of valid names.
     */
    private static final Pattern POLICY_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** The nodes and where each server side listened, as JSON. */
    static final String NODES_JSON = "nodes.json";

    private static final long START_TIMEOUT_SECONDS = 120;
    private static final long COMMAND_TIMEOUT_SECONDS = 30;

    @Spec
    private CommandSpec spec;

    @Option(names = "--workload", defaultValue = "all", description = "synthetic, netperf or all (default ${DEFAULT-VALUE})")
    private String workload;

    @Option(names = "--policies", defaultValue = "caladan,danian,danian-exact,lottery,baseline",
            description = "comma-separated policies (default ${DEFAULT-VALUE})")
    private String policies;

    @Option(names = "--quick", description = "few, short points: all policies and workloads in under two minutes")
    private boolean quick;

    @Option(names = "--repeat", description = "how many times to measure every point, policies interleaved"
            + " (default 3, or 1 with --quick); the report gives means with 95%% intervals")
    private Integer repeat;

    @Option(names = "--out", description = "results folder (default results/<timestamp>/)")
    private Path out;

    @Option(names = "--danian-home", description = "the Danian distribution folder, with bin/danian"
            + " (default: system property danian.home, then environment variable DANIAN_HOME)")
    private Path danianHome;

    @Mixin
    private NodeOptions nodeOptions = new NodeOptions();

    private PrintStream stdout = System.out;
    private JavaLauncher java = JavaLauncher.current();
    private Sweep quickSweep = Sweep.quick();
    private String commandLine = "";

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(System.out, System.err, JavaLauncher.current(), Sweep.quick(), args));
    }

    /**
     * Runs the command line; returns the exit status.
     *
     * @param java how to start the client and baseline-server JVMs
     * @param quickSweep the points of {@code --quick}
     */
    static int run(PrintStream out, PrintStream err, JavaLauncher java, Sweep quickSweep, String... args) {
        ExperimentRunner runner = new ExperimentRunner();
        runner.stdout = out;
        runner.java = java;
        runner.quickSweep = quickSweep;
        runner.commandLine = "experiment " + String.join(" ", args);
        return CommandLines.execute(runner, out, err, args);
    }

    @Override
    public Integer call() throws Exception {
        Arguments arguments = new Arguments(spec);
        List<Workload> chosenWorkloads = workloads();
        List<String> chosenPolicies = policies();
        int repeats = repeat != null ? repeat : quick ? 1 : 3;
        arguments.check(repeats >= 1, "--repeat", repeats);
        Path localHome = localDanianHome();
        ExperimentNodes nodes = nodeOptions.resolve(spec, localHome);
        Path home = danianHome(chosenPolicies, localHome, nodes);
        Path folder = out != null ? out : Path.of("results", LocalDateTime.now()
                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        arguments.check(!Files.exists(folder) || Files.isDirectory(folder), "--out", folder);
        Files.createDirectories(folder);

        Sweep sweep = quick ? quickSweep : Sweep.full();
        Experiment experiment = new Experiment(chosenWorkloads, sweep, repeats, nodes.clientHosts(java), folder,
                stdout);
        stdout.println("results in " + folder.toAbsolutePath());
        RunInfo info = RunInfo.before(localHome);
        experiment.run(groups(chosenPolicies, chosenWorkloads, home, nodes, folder));
        writeRunInfo(folder, sweep, repeats, chosenPolicies, chosenWorkloads, experiment, info, nodes);
        Files.writeString(folder.resolve(NODES_JSON), nodes.json(experiment.listening()) + "\n",
                StandardCharsets.UTF_8);

        ReportTable summary = Report.write(folder);
        stdout.println();
        stdout.print(summary.render());
        stdout.println();
        stdout.println("report: " + folder.resolve(Report.INDEX).toAbsolutePath());
        if (!experiment.failures().isEmpty()) {
            stdout.println(experiment.failures().size() + " failure(s):");
            experiment.failures().forEach(failure -> stdout.println("  " + failure));
            return 1;
        }
        return 0;
    }

    private List<Workload> workloads() {
        if ("all".equals(workload)) {
            return List.of(Workload.values());
        }
        return List.of(new Arguments(spec).choice("--workload", workload, Workload.class));
    }

    /** The policies in the order given, each once; a name that is not a policy name is an error. */
    private List<String> policies() {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : policies.split(",", -1)) {
            String policy = name.strip();
            if (!POLICY_NAME.matcher(policy).matches()) {
                throw new ParameterException(spec.commandLine(), "Invalid value for option '--policies': '" + policy
                        + "' (expected a comma-separated list of policy names such as " + String.join(", ", POLICIES)
                        + "; names are lower-case letters, digits and '-')");
            }
            chosen.add(policy);
        }
        return List.copyOf(chosen);
    }

    /** The distribution folder on this machine: the option, then danian.home, then DANIAN_HOME; or null. */
    private Path localDanianHome() {
        if (danianHome != null) {
            return danianHome;
        }
        if (System.getProperty("danian.home") != null) {
            return Path.of(System.getProperty("danian.home"));
        }
        return System.getenv("DANIAN_HOME") != null ? Path.of(System.getenv("DANIAN_HOME")) : null;
    }

    /**
     * The Danian distribution the server side runs from, required only if a Danian policy is to
     * run; on this machine it is checked here, on a remote node when the server starts.
     */
    private Path danianHome(List<String> chosen, Path localHome, ExperimentNodes nodes) {
        if (chosen.stream().allMatch(BaselineServerSide.POLICY::equals)) {
            return null;
        }
        if (!nodes.server().isLocal()) {
            return nodes.remoteHome();
        }
        if (localHome == null) {
            throw new ParameterException(spec.commandLine(), "Missing option '--danian-home': the Danian policies "
                    + chosen.stream().filter(p -> !p.equals(BaselineServerSide.POLICY)).toList()
                    + " run on bin/danian serve; give the distribution folder (or DANIAN_HOME), or run"
                    + " --policies baseline");
        }
        if (!Files.isExecutable(localHome.resolve("bin").resolve("danian"))) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--danian-home': '" + localHome
                    + "' (no executable bin/danian in it)");
        }
        return localHome;
    }

    private List<Experiment.Group> groups(List<String> chosen, List<Workload> chosenWorkloads, Path home,
            ExperimentNodes nodes, Path folder) {
        Set<Workload> served = EnumSet.copyOf(chosenWorkloads);
        List<String> danian = chosen.stream().filter(p -> !p.equals(BaselineServerSide.POLICY)).toList();
        List<Experiment.Group> groups = new ArrayList<>();
        if (!danian.isEmpty()) {
            groups.add(new Experiment.Group(new DanianServer(nodes.server(), home, nodes.serverAddress(), served,
                    folder.resolve("logs").resolve("server-danian.log"), START_TIMEOUT_SECONDS,
                    COMMAND_TIMEOUT_SECONDS), danian));
        }
        if (chosen.contains(BaselineServerSide.POLICY)) {
            groups.add(new Experiment.Group(new BaselineServerSide(nodes.server(), nodes.java(nodes.server(), java),
                    nodes.serverAddress(), served, folder.resolve("logs"), START_TIMEOUT_SECONDS),
                    List.of(BaselineServerSide.POLICY)));
        }
        return groups;
    }

    private void writeRunInfo(Path folder, Sweep sweep, int repeats, List<String> chosenPolicies,
            List<Workload> chosenWorkloads, Experiment experiment, RunInfo before, ExperimentNodes nodes)
            throws IOException {
        List<String> info = new ArrayList<>();
        info.add("command: " + commandLine);
        info.add("finished: " + LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
        info.add("mode: " + (quick ? "quick" : "full") + ", " + repeats + " repeat(s), policies interleaved"
                + " (each repeat rotates their order by one)");
        info.add("policies: " + String.join(", ", chosenPolicies));
        info.add("workloads: " + chosenWorkloads.stream().map(Workload::label).toList());
        info.add("synthetic points: " + sweep.syntheticRates() + " requests/s offered, " + sweep.syntheticSeconds()
                + " s each after " + sweep.syntheticRampupSeconds() + " s ramp-up; " + Sweep.SYNTHETIC_DISTRIBUTION
                + " service time, mean " + Sweep.SYNTHETIC_MEAN_ITERATIONS + " iterations");
        info.add("netperf points: " + sweep.netperfThreads() + " client threads, " + sweep.netperfSeconds() + " s each");
        info.add("warm-up: " + sweep.warmupSeconds() + " s per workload, unmeasured, after each server side starts");
        info.add("seeds: synthetic client " + Sweep.SYNTHETIC_SEED + " (arrivals and service times)");
        info.addAll(nodes.lines());
        info.addAll(before.lines());
        experiment.notes().forEach(note -> info.add("note: " + note));
        experiment.failures().forEach(failure -> info.add("failed: " + failure));
        Files.write(folder.resolve(Report.RUN_INFO), info, StandardCharsets.UTF_8);
    }
}
