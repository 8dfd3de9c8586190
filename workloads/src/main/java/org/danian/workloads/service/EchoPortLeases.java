package org.danian.workloads.service;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.danian.kernel.PacketPort;

/**
 * Who holds the netperf echo ports of one server, and for how long they have been idle: the
 * limits that keep a few handshakes from taking every socket (a handshake costs its sender 8
 * bytes and the server up to {@code nports} sockets).
 *
 * <ul>
 *   <li>at most {@code maxPorts} echo ports open at once, over all clients;
 *   <li>at most {@code maxPerClient} held by one client address (a handshake from a spoofed
 *       address counts against that address, which also bounds the replies sent to it);
 *   <li>a port that has received nothing for {@code idleTimeoutNanos} is expired: closed when
 *       the next port is opened, so a client that vanished without its kill message gives its
 *       sockets back.
 * </ul>
 * Guarded by the owning {@link ServedWorkload}'s lock, except {@link Lease#touch()}, which the
 * port's kthread calls for each datagram (a plain volatile write; the sweep reads it).
 */
final class EchoPortLeases {

    /** One open echo port: its client and when it last received a datagram. */
    static final class Lease {
        private final InetAddress client;
        private volatile long lastActiveNanos;

        private Lease(InetAddress client, long now) {
            this.client = client;
            this.lastActiveNanos = now;
        }

        /** The port received a datagram. */
        void touch() {
            lastActiveNanos = System.nanoTime();
        }
    }

    /** No echo port at all (a server without a handshake). */
    static final EchoPortLeases NONE = new EchoPortLeases(0, 0, Long.MAX_VALUE);

    private final int maxPorts;
    private final int maxPerClient;
    private final long idleTimeoutNanos;
    private final Map<PacketPort, Lease> leases = new LinkedHashMap<>();
    private final Map<InetAddress, Integer> perClient = new HashMap<>();
    private long expired;
    private long refused;

    EchoPortLeases(int maxPorts, int maxPerClient, long idleTimeoutNanos) {
        this.maxPorts = maxPorts;
        this.maxPerClient = maxPerClient;
        this.idleTimeoutNanos = idleTimeoutNanos;
    }

    /** The ports idle for longer than the timeout, forgotten here; the caller closes them. */
    List<PacketPort> expire(long now) {
        List<PacketPort> idle = new ArrayList<>();
        for (Map.Entry<PacketPort, Lease> lease : leases.entrySet()) {
            if (now - lease.getValue().lastActiveNanos > idleTimeoutNanos) {
                idle.add(lease.getKey());
            }
        }
        idle.forEach(this::release);
        expired += idle.size();
        return idle;
    }

    /** Whether {@code client} (null: unknown, only the global limit applies) may open one more port. */
    boolean admits(InetAddress client) {
        boolean admitted = leases.size() < maxPorts
                && (client == null || perClient.getOrDefault(client, 0) < maxPerClient);
        if (!admitted) {
            refused++;
        }
        return admitted;
    }

    /** A lease for a port about to be opened for {@code client}; the port's handler touches it. */
    Lease newLease(InetAddress client) {
        return new Lease(client, System.nanoTime());
    }

    /** Records an opened port under its lease. */
    void hold(PacketPort port, Lease lease) {
        leases.put(port, lease);
        if (lease.client != null) {
            perClient.merge(lease.client, 1, Integer::sum);
        }
    }

    /** Forgets a port (closed by its kill, or expired); false if it was not leased. */
    boolean release(PacketPort port) {
        Lease lease = leases.remove(port);
        if (lease == null) {
            return false;
        }
        if (lease.client != null) {
            perClient.computeIfPresent(lease.client, (client, count) -> count == 1 ? null : count - 1);
        }
        return true;
    }

    /** Every leased port, forgotten here (the server closes). */
    List<PacketPort> releaseAll() {
        List<PacketPort> all = new ArrayList<>(leases.keySet());
        leases.clear();
        perClient.clear();
        return all;
    }

    int size() {
        return leases.size();
    }

    /** Ports closed because they were idle too long, since the server started. */
    long expired() {
        return expired;
    }

    /** Ports refused by a limit, since the server started. */
    long refused() {
        return refused;
    }
}
