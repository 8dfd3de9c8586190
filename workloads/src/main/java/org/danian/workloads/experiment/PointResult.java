package org.danian.workloads.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What one sample point measured: the client's CSV row, the server's CPU and the wall time
 * over the client's run, and the pick counters' growth over it.
 *
 * @param policy the thread-pick policy (or {@code baseline})
 * @param workload the workload's label
 * @param point the point's value: offered rate or client threads
 * @param repeat which repeat of the experiment measured it, from 1
 * @param client the client's CSV row, by column
 * @param serverCpuNanos server CPU time over the run, empty if unknown
 * @param wallNanos wall time over the run
 * @param picks the pick counters' growth over the run ({@link ServerStats#NONE} if unknown): the
 *     picks, their estimated CPU and wall time, and the sampled sums behind the estimates
 */
record PointResult(String policy, String workload, String point, int repeat, Map<String, String> client,
        OptionalLong serverCpuNanos, long wallNanos, ServerStats picks) {

    /** What the report writes where a number is unknown. */
    static final String NOT_AVAILABLE = "n/a";

    /** The runner's columns after the client's. */
    static final String REPEAT = "repeat";
    static final String SERVER_CPU_MS = "server_cpu_ms";
    static final String WALL_MS = "wall_ms";
    static final String SERVER_CPU_PERCENT = "server_cpu_percent";

    PointResult {
        client = Collections.unmodifiableMap(new LinkedHashMap<>(client)); // keeps the client's column order
    }

    /** The CSV row: policy, workload, point, repeat, the client's columns in its order, then the runner's. */
    Map<String, String> row() {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("policy", policy);
        row.put("workload", workload);
        row.put("point", point);
        row.put(REPEAT, Integer.toString(repeat));
        row.putAll(client);
        row.put(SERVER_CPU_MS, serverCpuNanos.isPresent() ? millis(serverCpuNanos.getAsLong()) : NOT_AVAILABLE);
        row.put(WALL_MS, millis(wallNanos));
        row.put(SERVER_CPU_PERCENT, serverCpuNanos.isPresent() && wallNanos > 0
                ? String.format(Locale.ROOT, "%.1f", 100.0 * serverCpuNanos.getAsLong() / wallNanos) : NOT_AVAILABLE);
        row.put(ServerStats.PICKS, text(picks.picks()));
        row.put(ServerStats.PICK_CPU_NS, text(picks.pickCpuNanos()));
        row.put(ServerStats.PICK_WALL_NS, text(picks.pickWallNanos()));
        row.put(ServerStats.PICK_SAMPLES, text(picks.totals().map(t -> t.samples())));
        row.put(ServerStats.PICK_WALL_SUM_NS, text(picks.totals().map(t -> t.wallNanos())));
        row.put(ServerStats.PICK_CPU_SAMPLES, text(picks.totals().filter(t -> t.cpuClockReadNanos() >= 0)
                .map(t -> t.cpuSamples())));
        row.put(ServerStats.PICK_CPU_SUM_NS, text(picks.totals().filter(t -> t.cpuClockReadNanos() >= 0)
                .map(t -> t.cpuNanos())));
        row.put(ServerStats.PICK_CPU_CLAMPED, text(picks.totals().filter(t -> t.cpuClockReadNanos() >= 0)
                .map(t -> t.cpuClampedSamples())));
        row.put(ServerStats.SLOW_PICKS, text(picks.totals().map(t -> t.slowPicks())));
        return row;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e6);
    }

    private static String text(OptionalLong value) {
        return value.isPresent() ? Long.toString(value.getAsLong()) : NOT_AVAILABLE;
    }

    private static String text(java.util.Optional<Long> value) {
        return value.map(String::valueOf).orElse(NOT_AVAILABLE);
    }
}
