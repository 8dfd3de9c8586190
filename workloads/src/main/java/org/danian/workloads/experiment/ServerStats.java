package org.danian.workloads.experiment;

import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The thread-pick counters a Danian server reports through {@code danian:stats}, cumulative
 * since it started: how many picks ran, and their total CPU and wall time in nanoseconds.
 * Each is empty when the server did not report it (or reported it ambiguously): the report
 * then says "n/a", it never fills in a number.
 *
 * <p>Expected text: anywhere in the answer, one line each {@code picks N},
 * {@code pick_cpu_ns N}, {@code pick_wall_ns N}, with a space, ':' or '=' between key and
 * value. Other lines and keys are ignored; a key given twice with different values counts as
 * missing.
 */
record ServerStats(OptionalLong picks, OptionalLong pickCpuNanos, OptionalLong pickWallNanos) {

    /** A server without a thread-pick policy (the baseline), or that reports nothing. */
    static final ServerStats NONE = new ServerStats(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    static final String PICKS = "picks";
    static final String PICK_CPU_NS = "pick_cpu_ns";
    static final String PICK_WALL_NS = "pick_wall_ns";

    /** Reads the counters out of the lines of a {@code danian:stats} answer. */
    static ServerStats parse(List<String> lines) {
        return new ServerStats(value(lines, PICKS), value(lines, PICK_CPU_NS), value(lines, PICK_WALL_NS));
    }

    /**
     * The counts between {@code earlier} and this: a field is present only if it is present in
     * both and did not go backwards (a restarted or reset server gives no difference).
     */
    ServerStats since(ServerStats earlier) {
        return new ServerStats(minus(picks, earlier.picks), minus(pickCpuNanos, earlier.pickCpuNanos),
                minus(pickWallNanos, earlier.pickWallNanos));
    }

    private static OptionalLong minus(OptionalLong later, OptionalLong earlier) {
        if (later.isEmpty() || earlier.isEmpty() || later.getAsLong() < earlier.getAsLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(later.getAsLong() - earlier.getAsLong());
    }

    private static OptionalLong value(List<String> lines, String key) {
        Pattern pattern = Pattern.compile("(?<![\\w.-])" + Pattern.quote(key) + "\\s*[:=]?\\s*(\\d{1,18})(?![\\w.])");
        OptionalLong found = OptionalLong.empty();
        for (String line : lines) {
            Matcher matcher = pattern.matcher(line);
            while (matcher.find()) {
                long value = Long.parseLong(matcher.group(1));
                if (found.isPresent() && found.getAsLong() != value) {
                    return OptionalLong.empty();
                }
                found = OptionalLong.of(value);
            }
        }
        return found;
    }
}
