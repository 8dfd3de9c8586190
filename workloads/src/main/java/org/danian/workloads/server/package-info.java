/**
 * Request handling shared by every way of running a workload: a {@link
 * org.danian.workloads.server.DatagramHandler} turns one request datagram into its reply (or
 * none) in place, counting what it saw. The baseline servers call handlers from a thread pool;
 * on the Danian engine a proc's kthreads call them on driver packets ({@link
 * org.danian.workloads.server.PacketServing}).
 *
 * <p>Counters are {@link java.util.concurrent.atomic.LongAdder}s: handlers run on many threads
 * at once, and a snapshot is read rarely.
 */
package org.danian.workloads.server;
