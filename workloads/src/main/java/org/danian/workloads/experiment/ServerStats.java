package org.danian.workloads.experiment;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.MetricsSnapshot.PickTotals;

/**
 * The thread-pick counters a Danian server reports through {@code danian:stats --json},
 * cumulative since it started: how many picks ran, and the kernel's sums over the sampled
 * picks ({@link MetricsSnapshot.PickTotals}). Each is empty when the server did not report it:
 * the report then says "n/a", it never fills in a number.
 *
 * <p>The growth over a point is taken on the sums, never on estimates: every sum only grows
 * (each CPU sample is calibrated and clamped to [0, its wall time] by the kernel), so the
 * difference of two readings is the sampled picks of that point, and the cost of all its picks
 * is their mean scaled by the picks made. The estimates of two readings could not be
 * differenced: each scales the mean since the start, which moves.
 *
 * <p>Read from the answer as data: the JSON line of a {@link MetricsSnapshot}, of which only
 * {@code global.counts.picks} and {@code global.pickTotals} are used. Any other line (a prompt,
 * an error) is ignored; an answer without such a line gives {@link #NONE}.
 *
 * @param picks picks made
 * @param totals the sampled picks' sums
 */
record ServerStats(OptionalLong picks, Optional<PickTotals> totals) {

    /** A server without a thread-pick policy (the baseline), or that reports nothing. */
    static final ServerStats NONE = new ServerStats(OptionalLong.empty(), Optional.empty());

    static final String PICKS = "picks";
    static final String PICK_CPU_NS = "pick_cpu_ns";
    static final String PICK_WALL_NS = "pick_wall_ns";
    static final String PICK_SAMPLES = "pick_samples";
    static final String PICK_WALL_SUM_NS = "pick_wall_sum_ns";
    static final String PICK_CPU_SAMPLES = "pick_cpu_samples";
    static final String PICK_CPU_SUM_NS = "pick_cpu_sum_ns";
    static final String SLOW_PICKS = "slow_picks";
    static final String PICK_CPU_CLAMPED = "pick_cpu_clamped";

    private static final Gson GSON = new Gson();

    /** Reads the counters out of the lines of a {@code danian:stats --json} answer. */
    static ServerStats parse(List<String> lines) {
        for (String line : lines) {
            JsonObject global = ShellAnswers.member(ShellAnswers.jsonObject(line), "global");
            JsonObject counts = ShellAnswers.member(global, "counts");
            if (counts == null || !counts.has("picks")) {
                continue;
            }
            OptionalLong picks = OptionalLong.of(counts.get("picks").getAsLong());
            JsonObject totalsJson = ShellAnswers.member(global, "pickTotals");
            return new ServerStats(picks, totalsJson == null ? Optional.empty()
                    : Optional.of(GSON.fromJson(totalsJson, PickTotals.class)));
        }
        return NONE;
    }

    /** The CPU time of the picks counted, estimated from the sampled ones; empty if unknown. */
    OptionalLong pickCpuNanos() {
        return picks.isEmpty() || totals.isEmpty() ? OptionalLong.empty()
                : known(totals.get().estimatedCpuNanos(picks.getAsLong()));
    }

    /** The wall time of the picks counted, estimated from the sampled ones; empty if unknown. */
    OptionalLong pickWallNanos() {
        return picks.isEmpty() || totals.isEmpty() ? OptionalLong.empty()
                : known(totals.get().estimatedWallNanos(picks.getAsLong()));
    }

    private static OptionalLong known(long estimate) {
        return estimate < 0 ? OptionalLong.empty() : OptionalLong.of(estimate);
    }

    /**
     * The counts between {@code earlier} and this: a field is present only if it is present in
     * both and did not go backwards (a restarted or reset server gives no difference).
     */
    ServerStats since(ServerStats earlier) {
        OptionalLong pickGrowth = minus(picks, earlier.picks);
        if (totals.isEmpty() || earlier.totals.isEmpty()) {
            return new ServerStats(pickGrowth, Optional.empty());
        }
        PickTotals now = totals.get();
        PickTotals then = earlier.totals.get();
        if (now.samples() < then.samples() || now.wallNanos() < then.wallNanos() || now.cpuSamples() < then.cpuSamples()
                || now.cpuNanos() < then.cpuNanos() || now.slowPicks() < then.slowPicks()
                || now.cpuClampedSamples() < then.cpuClampedSamples()) {
            return new ServerStats(pickGrowth, Optional.empty());
        }
        return new ServerStats(pickGrowth, Optional.of(new PickTotals(now.samples() - then.samples(),
                now.wallNanos() - then.wallNanos(), now.cpuSamples() - then.cpuSamples(),
                now.cpuNanos() - then.cpuNanos(), now.cpuClockReadNanos(), MetricsSnapshot.Latency.EMPTY,
                now.slowPicks() - then.slowPicks(), now.cpuClampedSamples() - then.cpuClampedSamples())));
    }

    private static OptionalLong minus(OptionalLong later, OptionalLong earlier) {
        if (later.isEmpty() || earlier.isEmpty() || later.getAsLong() < earlier.getAsLong()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(later.getAsLong() - earlier.getAsLong());
    }
}
