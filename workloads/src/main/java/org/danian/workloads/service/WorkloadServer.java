package org.danian.workloads.service;

import java.net.InetSocketAddress;
import org.danian.kernel.DatagramCounts;
import org.danian.kernel.WorkloadTraffic;
import org.danian.workloads.server.HandlerStats;

/**
 * A workload server running on the Danian engine, registered as a service once its port
 * listens (and unregistered before it stops), so that launchers and shells find where it
 * listens from the service properties alone, without loading this type: {@value #WORKLOAD},
 * {@value #ADDRESS} and {@value #PORT}. It is also registered as the kernel API's
 * {@link WorkloadTraffic}, the view that bundles outside this one (the Prometheus endpoint) read.
 */
public interface WorkloadServer extends WorkloadTraffic {

    /** Service property: the workload's name, {@code synthetic} or {@code netperf}. */
    String WORKLOAD = "danian.workload";
    /** Service property: the address the server is bound to, as text ({@code 0.0.0.0} for any). */
    String ADDRESS = "danian.workload.address";
    /** Service property: the UDP port it listens on (an Integer). */
    String PORT = "danian.workload.port";

    /** The workload's name. */
    @Override
    String workload();

    /** Where it listens. */
    @Override
    InetSocketAddress address();

    /** What became of every datagram its handlers saw, so far. */
    HandlerStats stats();

    /** {@link #stats()} as the kernel API's counts. */
    @Override
    default DatagramCounts datagrams() {
        HandlerStats stats = stats();
        return new DatagramCounts(stats.replied(), stats.ignored(), stats.malformed(), stats.oversized(),
                stats.rejected(), stats.overloaded());
    }
}
