package org.danian.workloads.service;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;

/**
 * What the two server configurations have in common, checked and turned into the proc's
 * {@link ProcSpec} and the address to bind. A bad value throws
 * {@link IllegalArgumentException} naming the property and the value, which Declarative
 * Services logs as the component's activation failure.
 */
final class ProcSettings {

    private ProcSettings() {
    }

    /**
     * @param kthreads 0 for one per core the kernel schedules
     * @param maxCores 0 for as many as kthreads
     * @param tickets the proc's lottery tickets, at least 1
     */
    static ProcSpec spec(String name, int kthreads, String priority, int guaranteedCores, int maxCores,
            long delayThresholdMicros, int tickets, int coreCount) {
        int threads = kthreads == 0 ? Math.max(1, coreCount) : kthreads;
        check(threads >= 1, "kthreads", kthreads);
        int max = maxCores == 0 ? threads : maxCores;
        check(max >= 1 && max <= threads, "maxCores", maxCores);
        check(guaranteedCores >= 0 && guaranteedCores <= max, "guaranteedCores", guaranteedCores);
        check(delayThresholdMicros >= 0, "delayThresholdMicros", delayThresholdMicros);
        check(tickets >= 1, "tickets", tickets);
        return new ProcSpec(name, threads, priority(priority), guaranteedCores, max, delayThresholdMicros * 1_000,
                tickets);
    }

    /**
     * The per-kthread tickets of a comma-separated list ({@code "4,1,1,1"}); empty for one
     * ticket each. The spec checks the count against the kthreads and that each is at least 1.
     *
     * @throws IllegalArgumentException naming the property and the value if an entry is not a number
     */
    static List<Integer> tickets(String value) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty()) {
            return List.of();
        }
        try {
            return Arrays.stream(text.split(",")).map(String::trim).map(Integer::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid kthreadTickets: '" + value + "' (a comma-separated list of"
                    + " whole numbers, one per kthread)", e);
        }
    }

    static Priority priority(String value) {
        String normal = value == null ? "" : value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (normal) {
            case "latency-critical":
                return Priority.LATENCY_CRITICAL;
            case "best-effort":
                return Priority.BEST_EFFORT;
            default:
                throw new IllegalArgumentException("priority must be latency-critical or best-effort: '" + value + "'");
        }
    }

    static InetSocketAddress bind(String address, int port) {
        check(port >= 0 && port <= 65535, "port", port);
        try {
            return new InetSocketAddress(InetAddress.getByName(address == null ? "" : address.trim()), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bind is not an address of this machine: '" + address + "'", e);
        }
    }

    static void check(boolean valid, String property, Object value) {
        if (!valid) {
            throw new IllegalArgumentException("invalid " + property + ": " + value);
        }
    }
}
