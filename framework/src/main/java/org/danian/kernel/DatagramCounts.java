package org.danian.kernel;

/**
 * What became of the datagrams a workload saw ({@link WorkloadTraffic#datagrams()}), each
 * counter monotonic from the workload's start. A datagram lands in exactly one of them.
 *
 * @param replied answered
 * @param ignored not for this workload (e.g. a stray message type), left unanswered on purpose
 * @param malformed could not be parsed
 * @param oversized larger than the workload accepts
 * @param rejected refused by a limit the workload enforces (e.g. ports per client, handshake rate)
 * @param overloaded dropped because the workload had no room for it
 */
public record DatagramCounts(long replied, long ignored, long malformed, long oversized, long rejected,
                             long overloaded) {
}
