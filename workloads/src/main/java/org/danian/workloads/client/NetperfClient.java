package org.danian.workloads.client;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.danian.workloads.cli.Arguments;
import org.danian.workloads.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Caladan's 2021 netperf client against any netperf server: for each thread count of the
 * sweep (the paper's 2 to 12 by 2), a handshake on the control port, then closed-loop 32-byte
 * echoes from every thread for {@code --duration} seconds, and one line per run.
 */
@Command(name = "netperf-client", mixinStandardHelpOptions = true,
        description = "Closed-loop UDP echo threads, swept; one line per thread count, Caladan's format.")
public final class NetperfClient implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, description = "host:port of the netperf control port (usually 8001)")
    private String server;

    @Option(names = "--threads", split = ",", defaultValue = "2,4,6,8,10,12",
            description = "thread counts of the sweep (default ${DEFAULT-VALUE})")
    private List<Integer> threads;

    @Option(names = "--duration", defaultValue = "10", description = "seconds per run (default ${DEFAULT-VALUE})")
    private double duration;

    @Option(names = "--timeout", defaultValue = "1000", description = "ms to wait for one reply (default ${DEFAULT-VALUE})")
    private int timeoutMillis;

    @Option(names = "--csv", description = "also write the results to this CSV file")
    private Path csv;

    @Option(names = "--json", description = "print each result as one JSON line (the CSV columns and the"
            + " latency histogram, for merging several clients' results) instead of the text line")
    private boolean json;

    private PrintStream out = System.out;

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line, printing results on {@code out}; returns the exit status. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        NetperfClient client = new NetperfClient();
        client.out = out;
        return CommandLines.execute(client, out, err, args);
    }

    @Override
    public Integer call() throws Exception {
        Arguments arguments = new Arguments(spec);
        InetSocketAddress address = arguments.hostPort("--server", server);
        for (int count : threads) {
            arguments.check(count >= 1 && count <= 256, "--threads", count);
        }
        arguments.check(duration > 0, "--duration", duration);
        arguments.check(timeoutMillis >= 1, "--timeout", timeoutMillis);

        NetperfRun run = new NetperfRun(address, duration, timeoutMillis);
        CsvFile file = CsvFile.create(csv, NetperfResult.CSV_HEADER);
        for (int count : threads) {
            NetperfResult result = run.run(count);
            out.println(json ? result.json() : result.line());
            out.flush();
            file.row(result.csvRow());
        }
        return 0;
    }
}
