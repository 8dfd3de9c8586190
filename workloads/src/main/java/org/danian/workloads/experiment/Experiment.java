package org.danian.workloads.experiment;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.danian.workloads.baseline.Workload;

/**
 * Runs the sample points of every policy and workload, {@code repeats} times: each server side
 * is started once, and in each repeat its policies are swapped in one after the other, the
 * order rotated by one from a repeat to the next, so that policies are interleaved in time and
 * a slow drift of the machine (a co-tenant, thermal state) spreads over all of them instead of
 * favouring the ones measured first. Each point is one client JVM. Around each client run it
 * reads the server's CPU time and pick counters, so both cover exactly that run. A run's CSV
 * (all its repeats so far) is rewritten as soon as a repeat of it is done.
 *
 * <p>Failures are contained: a client that fails is retried once, then loses its point (the
 * failure names the root cause from the client's output); a refused swap loses that policy's
 * runs in that repeat, a server side that does not start loses its policies; each is noted,
 * the rest goes on, and {@link #failures()} lists them. When a server side is done, the
 * thread-pick policy its configuration named before the first swap is swapped back.
 */
final class Experiment {

    /**
     * A server side and the policies run on it, in order.
     *
     * @param side the servers
     * @param policies the policies to swap in, one after the other
     */
    record Group(ServerSide side, List<String> policies) {
    }

    private final List<Workload> workloads;
    private final Sweep sweep;
    private final ClientRun client;
    private final ClientRun warmupClient;
    private final Path out;
    private final PrintStream progress;
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, List<PointResult>> resultsByRun = new LinkedHashMap<>();
    private final Map<String, Map<Workload, InetSocketAddress>> listeningBySide = new LinkedHashMap<>();
    private final int repeats;
    private int run;
    private int runs;
    private int pointsPerPolicy;

    /**
     * @param clients the client nodes every point's load is split between (one: as a single
     *     client on this machine)
     */
    Experiment(List<Workload> workloads, Sweep sweep, int repeats, List<ClientRun.ClientHost> clients, Path out,
            PrintStream progress) {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be at least 1: " + repeats);
        }
        this.repeats = repeats;
        this.workloads = List.copyOf(workloads);
        this.sweep = sweep;
        this.client = new ClientRun(clients, sweep);
        this.warmupClient = new ClientRun(clients, sweep.warmup());
        this.out = out;
        this.progress = progress;
    }

    /** Runs every group, in order. */
    void run(List<Group> groups) throws InterruptedException {
        pointsPerPolicy = workloads.stream().mapToInt(w -> sweep.points(w).size()).sum();
        runs = repeats * pointsPerPolicy * groups.stream().mapToInt(g -> g.policies().size()).sum();
        run = 0;
        for (Group group : groups) {
            runGroup(group);
        }
    }

    /** What went wrong, one line each; empty if everything ran. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Where each server side that started listened, by its description, in start order. */
    Map<String, Map<Workload, InetSocketAddress>> listening() {
        return Collections.unmodifiableMap(listeningBySide);
    }

    /** Remarks that are not failures (e.g. a server that did not stop cleanly). */
    List<String> notes() {
        return List.copyOf(notes);
    }

    private void runGroup(Group group) throws InterruptedException {
        ServerSide side = group.side();
        int groupEnd = run + repeats * pointsPerPolicy * group.policies().size();
        Thread stopOnExit = new Thread(() -> stopQuietly(side), "experiment-server-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            progress.println("starting " + side.describe());
            Map<Workload, InetSocketAddress> listening = side.start();
            listeningBySide.put(side.describe(), Map.copyOf(listening));
            listening.forEach((workload, address) -> progress.println("  " + workload.label() + " listening on "
                    + address.getAddress().getHostAddress() + ":" + address.getPort()));
            side.settings().ifPresent(settings -> notes.add("server settings (" + side.describe() + "): "
                    + settings));
            warmUp(listening);
            Optional<String> configured = side.configuredPolicy();
            try {
                for (int repeat = 1; repeat <= repeats; repeat++) {
                    for (String policy : rotated(group.policies(), repeat - 1)) {
                        runPolicy(side, policy, listening, repeat);
                    }
                }
            } finally {
                configured.ifPresent(policy -> restore(side, policy));
            }
        } catch (IOException | RuntimeException e) {
            fail("server side " + side.describe() + ": " + e.getMessage() + " (" + (groupEnd - run)
                    + " points skipped)");
            run = groupEnd;
        } finally {
            String stopped = side.stop();
            if (!stopped.isEmpty()) {
                notes.add(stopped);
                progress.println("note: " + stopped);
            }
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        }
    }

    /**
     * One unmeasured client run per workload at its first point, under whatever policy is
     * active, so that no policy measures the servers' cold start. A failure here is only noted:
     * the measured points will show whether the server works.
     */
    private void warmUp(Map<Workload, InetSocketAddress> listening) throws InterruptedException {
        if (sweep.warmupSeconds() <= 0) {
            return;
        }
        for (Workload workload : workloads) {
            Sweep.Point first = sweep.points(workload).get(0);
            progress.println("warm-up: " + workload.label() + " at " + first.label() + " for " + sweep.warmupSeconds()
                    + " s (not measured)");
            String name = "warmup-" + workload.label();
            try {
                warmupClient.run(first, listening.get(workload), out.resolve("clients").resolve(name + ".csv"),
                        out.resolve("logs").resolve("client-" + name + ".log"));
            } catch (IOException e) {
                notes.add("warm-up of " + workload.label() + " failed: " + e.getMessage());
            }
        }
    }

    /** {@code policies} rotated left by {@code by}: repeat r starts with the r-th policy. */
    static List<String> rotated(List<String> policies, int by) {
        List<String> order = new ArrayList<>(policies);
        Collections.rotate(order, -(by % Math.max(1, policies.size())));
        return order;
    }

    /** Swaps back the policy the server was configured with; a failure is a note, not a lost point. */
    private void restore(ServerSide side, String policy) {
        try {
            side.swapTo(policy);
            progress.println("thread-pick policy " + policy + " restored, as configured before the run");
        } catch (IOException | RuntimeException e) {
            notes.add("could not restore the configured thread-pick policy '" + policy + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void runPolicy(ServerSide side, String policy, Map<Workload, InetSocketAddress> listening, int repeat)
            throws IOException, InterruptedException {
        try {
            side.swapTo(policy);
        } catch (IllegalArgumentException | IllegalStateException e) {
            run += pointsPerPolicy;
            fail("policy " + policy + ", repeat " + repeat + ": " + e.getMessage() + " (" + pointsPerPolicy
                    + " points skipped)");
            return;
        }
        progress.println("policy " + policy + " active (repeat " + repeat + " of " + repeats + ")");
        for (Workload workload : workloads) {
            List<PointResult> results = resultsByRun.computeIfAbsent(workload.label() + "-" + policy,
                    key -> new ArrayList<>());
            int before = results.size();
            for (Sweep.Point point : sweep.points(workload)) {
                PointResult result = runPoint(side, policy, point, listening.get(workload), repeat);
                if (result != null) {
                    results.add(result);
                }
            }
            if (results.size() > before) {
                RunTable.write(out, results);
            }
        }
    }

    /** A point, retried once if its client fails; null (and a failure noted) if both attempts fail. */
    private PointResult runPoint(ServerSide side, String policy, Sweep.Point point, InetSocketAddress server,
            int repeat) throws IOException, InterruptedException {
        run++;
        String what = String.format(Locale.ROOT, "[run %d/%d] repeat=%d policy=%s workload=%s point=%s", run, runs,
                repeat, policy, point.workload().label(), point.label());
        progress.println(what + " ...");
        String name = point.workload().label() + "-" + policy + "-" + point.token() + "-r" + repeat;
        try {
            return attempt(side, policy, point, server, repeat, name);
        } catch (IOException first) {
            progress.println("    failed, retrying once: " + first.getMessage());
            try {
                return attempt(side, policy, point, server, repeat, name + "-retry");
            } catch (IOException second) {
                fail(what + ": " + second.getMessage() + " (also on the first attempt: " + first.getMessage() + ")");
                return null;
            }
        }
    }

    private PointResult attempt(ServerSide side, String policy, Sweep.Point point, InetSocketAddress server,
            int repeat, String name) throws IOException, InterruptedException {
        ServerStats before = side.stats();
        OptionalLong cpuBefore = side.cpuNanos();
        long start = System.nanoTime();
        Map<String, String> row = client.run(point, server, out.resolve("clients").resolve(name + ".csv"),
                out.resolve("logs").resolve("client-" + name + ".log"));
        long wall = System.nanoTime() - start;
        OptionalLong cpuAfter = side.cpuNanos();
        ServerStats after = side.stats();
        OptionalLong cpu = cpuBefore.isPresent() && cpuAfter.isPresent()
                ? OptionalLong.of(cpuAfter.getAsLong() - cpuBefore.getAsLong()) : OptionalLong.empty();
        PointResult result = new PointResult(policy, point.workload().label(), point.token(), repeat, row, cpu, wall,
                after.since(before));
        progress.println("    " + outcome(result));
        return result;
    }

    /** One line of the point's headline numbers for the progress output. */
    private static String outcome(PointResult result) {
        Map<String, String> row = result.row();
        boolean synthetic = result.workload().equals("synthetic");
        return synthetic
                ? "actual " + row.get("actual_rps") + " rps, p50 " + row.get("p50_us") + " µs, p99 " + row.get("p99_us")
                        + " µs, dropped " + row.get("dropped") + ", server CPU " + row.get(PointResult.SERVER_CPU_PERCENT) + " %"
                : row.get("rps") + " rps, mean " + row.get("mean_us") + " µs, p90 " + row.get("p90_us") + " µs, p99 "
                        + row.get("p99_us") + " µs, server CPU " + row.get(PointResult.SERVER_CPU_PERCENT) + " %";
    }

    private void fail(String failure) {
        failures.add(failure);
        progress.println("FAILED: " + failure);
    }

    private static void stopQuietly(ServerSide side) {
        try {
            side.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
