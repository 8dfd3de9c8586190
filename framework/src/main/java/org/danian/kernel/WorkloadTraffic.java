package org.danian.kernel;

import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A workload served on the kernel, registered as an OSGi service by the bundle that serves it,
 * so that readers outside that bundle (the shell, the Prometheus endpoint) learn what became of
 * its datagrams without importing the workload's implementation.
 *
 * <p>What the reader may expect: every method is safe from any thread and cheap (a read of
 * counters); the service is registered once the workload listens and unregistered before it
 * stops.
 */
@ConsumerType
public interface WorkloadTraffic {

    /** The workload's name, e.g. {@code synthetic} or {@code netperf}. */
    String workload();

    /** Where it listens. */
    InetSocketAddress address();

    /** What became of every datagram it saw, so far. */
    DatagramCounts datagrams();
}
