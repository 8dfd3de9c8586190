package org.danian.workloads.client;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.danian.workloads.cli.Arguments;
import org.danian.workloads.cli.CommandLines;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Caladan's synthetic client (apps/synthetic, "linux-client" mode) against any synthetic
 * server: open-loop Poisson load on each connection, a linear sweep of {@code --samples} rates
 * from {@code --start-rate} up to {@code --rate}, each with a ramp-up and a measured run. Prints
 * Caladan's header and one line per rate; {@code --csv} also writes them to a file.
 */
@Command(name = "synthetic-client", mixinStandardHelpOptions = true,
        description = "Open-loop Poisson load on a synthetic server; one line per rate, Caladan's columns.")
public final class SyntheticClient implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--server", required = true, description = "host:port of the synthetic server")
    private String server;

    @Option(names = "--rate", defaultValue = "20000", description = "highest rate, requests/s (default ${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--start-rate", defaultValue = "0", description = "the sweep starts above this rate (default ${DEFAULT-VALUE})")
    private double startRate;

    @Option(names = "--samples", defaultValue = "20", description = "rates in the sweep (default ${DEFAULT-VALUE})")
    private int samples;

    @Option(names = "--threads", defaultValue = "1", description = "connections (default ${DEFAULT-VALUE})")
    private int connections;

    @Option(names = "--runtime", defaultValue = "10", description = "measured seconds per rate (default ${DEFAULT-VALUE})")
    private double runtime;

    @Option(names = "--rampup", defaultValue = "4", description = "ramp-up seconds per rate (default ${DEFAULT-VALUE})")
    private double rampup;

    @Option(names = "--distribution", defaultValue = "zero",
            description = "zero, constant, exponential, bimodal1, bimodal2 or bimodal3 (default ${DEFAULT-VALUE})")
    private String distribution;

    @Option(names = "--mean", defaultValue = "167", description = "mean work iterations (default ${DEFAULT-VALUE})")
    private double mean;

    @Option(names = "--grace", defaultValue = "500", description = "ms to wait for late replies (default ${DEFAULT-VALUE})")
    private long graceMillis;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the schedules (default ${DEFAULT-VALUE})")
    private long seed;

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
        SyntheticClient client = new SyntheticClient();
        client.out = out;
        return CommandLines.execute(client, out, err, args);
    }

    @Override
    public Integer call() throws Exception {
        Arguments arguments = new Arguments(spec);
        InetSocketAddress address = arguments.hostPort("--server", server);
        ServiceDistribution service = arguments.choice("--distribution", distribution, ServiceDistribution.class);
        arguments.check(rate > 0, "--rate", rate);
        arguments.check(startRate >= 0 && startRate < rate, "--start-rate", startRate);
        arguments.check(samples >= 1, "--samples", samples);
        arguments.check(connections >= 1, "--threads", connections);
        arguments.check(runtime > 0, "--runtime", runtime);
        arguments.check(rampup >= 0, "--rampup", rampup);
        arguments.check(mean >= 0, "--mean", mean);
        arguments.check(graceMillis >= 0, "--grace", graceMillis);

        SyntheticLoad load = new SyntheticLoad(address, connections, rampup, runtime, service, mean,
                graceMillis, seed);
        CsvFile file = CsvFile.create(csv, SyntheticSample.CSV_HEADER);
        if (!json) {
            out.println(SyntheticSample.HEADER);
        }
        double step = (rate - startRate) / samples;
        for (int j = 1; j <= samples; j++) {
            SyntheticSample sample = load.run(startRate + step * j);
            out.println(json ? sample.json() : sample.line());
            out.flush();
            file.row(sample.csvRow());
        }
        return 0;
    }
}
