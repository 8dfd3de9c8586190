package org.danian.workloads.baseline;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;
import org.danian.workloads.cli.Arguments;
import org.danian.workloads.synthetic.SyntheticHandler;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code java org.danian.workloads.baseline.BaselineServer --workload synthetic|netperf
 * [--port N] [--bind ADDR] [--threads T]}: runs one baseline server until SIGTERM or SIGINT.
 *
 * <p>Once the port is bound it prints one line, {@code listening workload=W address=A port=P},
 * on standard output. On SIGTERM or SIGINT it stops receiving, answers what it received,
 * prints its counters on standard error and exits with status 0. Bad arguments: a message
 * naming the bad value, and status 2.
 */
@Command(name = "baseline-server", mixinStandardHelpOptions = true,
        description = "Serves a workload on a plain ThreadPoolExecutor (no Danian scheduling).")
public final class BaselineServer implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--workload", required = true, description = "synthetic or netperf")
    private String workload;

    @Option(names = "--port", description = "UDP port (default: synthetic 8000, netperf 8001; 0 for any)")
    private Integer port;

    // The loopback by default, as bin/danian serve: the server answers anyone who reaches it
    // (SECURITY.md); --bind 0.0.0.0 opens it to every interface.
    @Option(names = "--bind", defaultValue = "127.0.0.1",
            description = "address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
    private String bind;

    @Option(names = "--threads", description = "worker threads (default: the number of CPUs)")
    private Integer threads;

    @Option(names = "--max-work", defaultValue = "" + SyntheticHandler.DEFAULT_MAX_WORK_ITERATIONS,
            description = "synthetic: most work iterations one request may ask for (default ${DEFAULT-VALUE})")
    private long maxWork;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine command = new CommandLine(new BaselineServer());
        command.setOut(new java.io.PrintWriter(out, true));
        command.setErr(new java.io.PrintWriter(err, true));
        return command.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        Arguments arguments = new Arguments(spec);
        Workload chosen = arguments.choice("--workload", workload, Workload.class);
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        int chosenPort = port == null ? chosen.defaultPort() : port;
        arguments.check(chosenPort >= 0 && chosenPort <= 65535, "--port", port);
        arguments.check(workers >= 1, "--threads", threads);
        arguments.check(maxWork >= 0, "--max-work", maxWork);
        InetAddress address = arguments.address("--bind", bind);

        StopSignals signals = StopSignals.install();
        BaselineService server = BaselineService.start(chosen, new InetSocketAddress(address, chosenPort),
                workers, maxWork);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server), "baseline-stop"));
        InetSocketAddress bound = server.address();
        System.out.println("listening workload=" + chosen.label() + " address="
                + bound.getAddress().getHostAddress() + " port=" + bound.getPort());
        System.out.flush();

        String signal = signals.await();
        server.close();
        System.err.println("stopped on " + signal + ": workload=" + chosen.label() + " " + server.stats());
        return 0;
    }

    /** The safety net for exits that are not TERM or INT (SIGHUP, System.exit elsewhere). */
    private static void closeQuietly(BaselineService server) {
        try {
            server.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
