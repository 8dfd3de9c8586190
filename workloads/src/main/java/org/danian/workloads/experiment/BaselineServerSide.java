package org.danian.workloads.experiment;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.danian.workloads.baseline.BaselineServer;
import org.danian.workloads.baseline.Workload;

/**
 * The {@code baseline} server side: one {@link BaselineServer} JVM per workload (a plain
 * {@code ThreadPoolExecutor}, no Danian scheduling), each on a free port of the loopback, or of the
 * address the clients use when they run on other nodes. It has one
 * policy, {@code baseline}, and no pick counters. Its CPU time is the sum over its JVMs (the
 * one not being measured is idle).
 */
final class BaselineServerSide implements ServerSide {

    /** The only policy this side runs. */
    static final String POLICY = "baseline";

    private static final Pattern LISTENING =
            Pattern.compile("listening workload=(\\S+) address=(\\S+) port=(\\d{1,5})");

    private final ExperimentNode node;
    private final String bind;
    private final JavaLauncher launcher;
    private final Set<Workload> workloads;
    private final Path logFolder;
    private final long startTimeoutSeconds;
    private final List<ChildProcess> servers = new ArrayList<>();

    /**
     * @param node where the servers run
     * @param launcher how to start a JVM there
     * @param bind the address the servers bind, or null for the loopback
     */
    BaselineServerSide(ExperimentNode node, JavaLauncher launcher, String bind, Set<Workload> workloads,
            Path logFolder, long startTimeoutSeconds) {
        this.node = node;
        this.bind = bind != null ? bind : InetAddress.getLoopbackAddress().getHostAddress();
        this.launcher = launcher;
        this.workloads = new TreeSet<>(workloads);
        this.logFolder = logFolder;
        this.startTimeoutSeconds = startTimeoutSeconds;
    }

    @Override
    public Map<Workload, InetSocketAddress> start() throws IOException, InterruptedException {
        Map<Workload, InetSocketAddress> listening = new EnumMap<>(Workload.class);
        for (Workload workload : workloads) {
            ChildProcess server = ChildProcess.start("baseline " + workload.label() + " server", node,
                    launcher.command(BaselineServer.class.getName(), List.of("--workload", workload.label(),
                            "--port", "0", "--bind", bind)),
                    logFolder.resolve("server-baseline-" + workload.label() + ".log"));
            servers.add(server);
            listening.put(workload, awaitListening(server));
        }
        return listening;
    }

    private InetSocketAddress awaitListening(ChildProcess server) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(startTimeoutSeconds);
        for (String line = server.nextLine(deadline); line != null; line = server.nextLine(deadline)) {
            Matcher matcher = LISTENING.matcher(line.strip());
            if (matcher.matches()) {
                InetAddress address = DanianServer.reachable(InetAddress.getByName(matcher.group(2)));
                return new InetSocketAddress(address, Integer.parseInt(matcher.group(3)));
            }
        }
        throw new IOException(server.name() + (!server.hasEnded() ? " did not report listening within "
                + startTimeoutSeconds + " s" : " exited") + "; last output: " + server.recentOutput());
    }

    @Override
    public void swapTo(String policy) {
        if (!POLICY.equals(policy)) {
            throw new IllegalArgumentException("the baseline server runs only policy '" + POLICY + "', not '"
                    + policy + "'");
        }
    }

    @Override
    public OptionalLong cpuNanos() {
        long total = 0;
        for (ChildProcess server : servers) {
            OptionalLong nanos = server.cpuNanos();
            if (nanos.isEmpty()) {
                return OptionalLong.empty();
            }
            total += nanos.getAsLong();
        }
        return servers.isEmpty() ? OptionalLong.empty() : OptionalLong.of(total);
    }

    @Override
    public ServerStats stats() {
        return ServerStats.NONE;
    }

    @Override
    public String stop() throws InterruptedException {
        List<String> notes = new ArrayList<>();
        for (ChildProcess server : servers) {
            int status = server.stop(10);
            if (status != 0) {
                notes.add(server.name() + " did not stop cleanly (exit status " + status + ")");
            }
        }
        servers.clear();
        return String.join("; ", notes);
    }

    @Override
    public String describe() {
        return "baseline servers " + workloads + (node.isLocal() ? "" : " on " + node.label());
    }
}
