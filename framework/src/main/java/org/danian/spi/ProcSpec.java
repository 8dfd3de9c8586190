package org.danian.spi;

import java.util.List;
import java.util.Objects;

/**
 * What a proc asks of the scheduler when it is created (Caladan's {@code struct sched_spec}).
 *
 * @param name human-readable name, unique among running procs, not blank
 * @param kthreads number of kthreads, at least 1
 * @param priority latency-critical or best-effort
 * @param guaranteedCores cores reserved for the proc, from 0 to {@code maxCores}
 * @param maxCores the most cores the proc may hold at once, from 1 to {@code kthreads}
 * @param delayThresholdNanos queueing delay at or above which the proc is congested; 0 means
 *     Shenango's rule, "an item seen at the previous poll is still queued"
 * @param tickets lottery tickets of the proc, at least 1 (used by lottery core allocation)
 * @param kthreadTickets lottery tickets of each kthread, by kthread id, each at least 1 (used by
 *     ticket-weighted thread picks, {@code lottery} and {@code stride}); empty means one ticket
 *     each; otherwise exactly {@code kthreads} entries
 */
public record ProcSpec(String name, int kthreads, Priority priority, int guaranteedCores,
                       int maxCores, long delayThresholdNanos, int tickets, List<Integer> kthreadTickets) {

    /** Caladan's default queueing-delay threshold: 10 µs. */
    public static final long DEFAULT_DELAY_THRESHOLD_NANOS = 10_000;

    /**
     * Validates every field and copies the list.
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public ProcSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(kthreadTickets, "kthreadTickets");
        if (name.isBlank()) {
            throw new IllegalArgumentException("proc name is blank: '" + name + "'");
        }
        if (kthreads < 1) {
            throw new IllegalArgumentException("kthreads must be at least 1: " + kthreads);
        }
        if (maxCores < 1 || maxCores > kthreads) {
            throw new IllegalArgumentException(
                    "maxCores must be in [1, kthreads=" + kthreads + "]: " + maxCores);
        }
        if (guaranteedCores < 0 || guaranteedCores > maxCores) {
            throw new IllegalArgumentException(
                    "guaranteedCores must be in [0, maxCores=" + maxCores + "]: " + guaranteedCores);
        }
        if (delayThresholdNanos < 0) {
            throw new IllegalArgumentException(
                    "delayThresholdNanos must not be negative: " + delayThresholdNanos);
        }
        if (tickets < 1) {
            throw new IllegalArgumentException("tickets must be at least 1: " + tickets);
        }
        kthreadTickets = List.copyOf(kthreadTickets);
        if (!kthreadTickets.isEmpty() && kthreadTickets.size() != kthreads) {
            throw new IllegalArgumentException("kthreadTickets must be empty or have kthreads=" + kthreads
                    + " entries: " + kthreadTickets);
        }
        for (int ticketsOfOne : kthreadTickets) {
            if (ticketsOfOne < 1) {
                throw new IllegalArgumentException("kthreadTickets must all be at least 1: " + kthreadTickets);
            }
        }
    }

    /**
     * A spec whose kthreads hold one ticket each (the constructor of version 1.0).
     *
     * @throws IllegalArgumentException naming the first bad value
     */
    public ProcSpec(String name, int kthreads, Priority priority, int guaranteedCores, int maxCores,
                    long delayThresholdNanos, int tickets) {
        this(name, kthreads, priority, guaranteedCores, maxCores, delayThresholdNanos, tickets, List.of());
    }

    /**
     * A latency-critical spec with no guaranteed core, up to {@code kthreads} cores, the
     * default threshold and one ticket for the proc and for each kthread.
     */
    public static ProcSpec latencyCritical(String name, int kthreads) {
        return new ProcSpec(name, kthreads, Priority.LATENCY_CRITICAL, 0, kthreads,
                DEFAULT_DELAY_THRESHOLD_NANOS, 1);
    }

    /**
     * The tickets of kthread {@code id}: its entry of {@link #kthreadTickets()}, or 1 when the
     * list is empty.
     *
     * @throws IndexOutOfBoundsException if {@code id} is not in {@code [0, kthreads)}
     */
    public int kthreadTickets(int id) {
        Objects.checkIndex(id, kthreads);
        return kthreadTickets.isEmpty() ? 1 : kthreadTickets.get(id);
    }

    /**
     * A copy whose kthreads hold the given tickets.
     *
     * @throws IllegalArgumentException if the list is not empty and not one entry per kthread,
     *     or an entry is below 1
     */
    public ProcSpec withKThreadTickets(List<Integer> perKThread) {
        return new ProcSpec(name, kthreads, priority, guaranteedCores, maxCores, delayThresholdNanos, tickets,
                perKThread);
    }
}
