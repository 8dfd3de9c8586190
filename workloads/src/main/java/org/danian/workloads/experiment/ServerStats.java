package org.danian.workloads.experiment;

import java.util.List;
import java.util.OptionalLong;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.danian.kernel.MetricsSnapshot;

/**
 * The thread-pick counters a Danian server reports through {@code danian:stats --json},
 * cumulative since it started: how many picks ran, and their total CPU and wall time in
 * nanoseconds, as estimated by the kernel's {@link MetricsSnapshot.PickTotals}. Each is empty
 * when the server did not report it: the report then says "n/a", it never fills in a number.
 *
 * <p>Read from the answer as data: the JSON line of a {@link MetricsSnapshot}, of which only
 * {@code global.counts.picks} and {@code global.pickTotals} are used. Any other line (a prompt,
 * an error) is ignored; an answer without such a line gives {@link #NONE}.
 */
record ServerStats(OptionalLong picks, OptionalLong pickCpuNanos, OptionalLong pickWallNanos) {

    /** A server without a thread-pick policy (the baseline), or that reports nothing. */
    static final ServerStats NONE = new ServerStats(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());

    static final String PICKS = "picks";
    static final String PICK_CPU_NS = "pick_cpu_ns";
    static final String PICK_WALL_NS = "pick_wall_ns";

    private static final Gson GSON = new Gson();

    /** Reads the counters out of the lines of a {@code danian:stats --json} answer. */
    static ServerStats parse(List<String> lines) {
        for (String line : lines) {
            JsonObject global = ShellAnswers.member(ShellAnswers.jsonObject(line), "global");
            JsonObject counts = ShellAnswers.member(global, "counts");
            if (counts == null || !counts.has("picks")) {
                continue;
            }
            long picks = counts.get("picks").getAsLong();
            JsonObject totalsJson = ShellAnswers.member(global, "pickTotals");
            if (totalsJson == null) {
                return new ServerStats(OptionalLong.of(picks), OptionalLong.empty(), OptionalLong.empty());
            }
            MetricsSnapshot.PickTotals totals = GSON.fromJson(totalsJson, MetricsSnapshot.PickTotals.class);
            return new ServerStats(OptionalLong.of(picks), known(totals.estimatedCpuNanos(picks)),
                    known(totals.estimatedWallNanos(picks)));
        }
        return NONE;
    }

    private static OptionalLong known(long estimate) {
        return estimate < 0 ? OptionalLong.empty() : OptionalLong.of(estimate);
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
}
