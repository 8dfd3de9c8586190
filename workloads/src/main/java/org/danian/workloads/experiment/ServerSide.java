package org.danian.workloads.experiment;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.OptionalLong;
import org.danian.workloads.baseline.Workload;

/**
 * The system under test of an experiment: servers for one or more workloads, started once,
 * whose thread-pick policy is swapped between runs. The runner calls every method from its
 * one thread, in the order start, then any number of swapTo/cpuNanos/stats, then stop.
 */
interface ServerSide {

    /**
     * Starts the servers and waits until every workload asked for listens.
     *
     * @return where the client reaches each workload (a wildcard bind becomes the loopback)
     * @throws IOException if the servers cannot be started or did not report ready in time
     */
    Map<Workload, InetSocketAddress> start() throws IOException, InterruptedException;

    /**
     * Makes {@code policy} the active thread-pick policy, returning once it is.
     *
     * @throws IllegalArgumentException if this server side cannot run that policy at all
     * @throws IllegalStateException if the server refused or failed the swap (the message
     *         holds its answer)
     */
    void swapTo(String policy) throws IOException, InterruptedException;

    /**
     * The thread-pick policy the server's configuration names now (what a restart would run),
     * so that the runner can put it back when it is done; empty if the server has none.
     */
    default java.util.Optional<String> configuredPolicy() throws IOException, InterruptedException {
        return java.util.Optional.empty();
    }

    /**
     * The server's scheduling settings as one line (scheduler and worker cores, pinning, idle
     * strategy…), for the run's record; empty if it has none to report.
     */
    default java.util.Optional<String> settings() throws IOException, InterruptedException {
        return java.util.Optional.empty();
    }

    /** CPU time the server processes used since they started; empty where it cannot be read. */
    OptionalLong cpuNanos();

    /** The server's cumulative pick counters now; {@link ServerStats#NONE} if it keeps none. */
    ServerStats stats() throws IOException, InterruptedException;

    /**
     * Stops the servers (SIGTERM, then a kill after a grace period).
     *
     * @return a note for the operator if the stop was not clean, else empty
     */
    String stop() throws InterruptedException;

    /** A short name for progress lines and errors. */
    String describe();
}
