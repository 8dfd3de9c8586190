package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import com.google.gson.Gson;
import org.danian.kernel.MetricsSnapshot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reading {@code danian:stats --json} answers as data, and {@code /proc/<pid>/stat}. */
class ServerStatsTest {

    @Test
    void theCountersComeFromTheMetricsSnapshotAsTheKernelEstimatesThem() {
        MetricsSnapshot.PickTotals totals = new MetricsSnapshot.PickTotals(10, 1_000, 10, 800, 300);
        String json = new Gson().toJson(Map.of("global", Map.of("counts", Map.of("picks", 640), "pickTotals", totals)));
        ServerStats stats = ServerStats.parse(List.of("g! ", json));
        assertEquals(new ServerStats(OptionalLong.of(640), Optional.of(totals)), stats);
        assertEquals(OptionalLong.of(51_200), stats.pickCpuNanos(), "80 ns per sampled pick, 640 picks");
        assertEquals(OptionalLong.of(64_000), stats.pickWallNanos(), "100 ns per sampled pick, 640 picks");
    }

    @Test
    void thePointsCostComesFromTheGrowthOfTheSumsSoItNeverGoesNegative() {
        // The mean since the start falls (400 then 100 ns per sample): differencing the two
        // estimates would give a negative CPU time; the sums' growth gives the point's own mean.
        ServerStats before = stats(1_000, new MetricsSnapshot.PickTotals(10, 5_000, 10, 4_000, 300));
        ServerStats after = stats(5_000, new MetricsSnapshot.PickTotals(50, 9_000, 50, 5_000, 300));
        assertTrue(after.pickCpuNanos().getAsLong() < before.pickCpuNanos().getAsLong() * 5_000 / 1_000);
        ServerStats growth = after.since(before);
        assertEquals(OptionalLong.of(4_000), growth.picks());
        assertEquals(OptionalLong.of(100_000), growth.pickCpuNanos(), "1000 ns over 40 samples, 4000 picks");
        assertEquals(OptionalLong.of(400_000), growth.pickWallNanos(), "4000 ns over 40 samples, 4000 picks");
    }

    private static ServerStats stats(long picks, MetricsSnapshot.PickTotals totals) {
        return new ServerStats(OptionalLong.of(picks), Optional.of(totals));
    }

    @Test
    void missingOrUnknownNumbersAreNotAvailable() {
        assertEquals(ServerStats.NONE, ServerStats.parse(List.of("gogo: Command not found: danian:stats")));
        assertEquals(ServerStats.NONE, ServerStats.parse(List.of("{\"global\": {\"counts\": {}}}", "{not json")));
        String unknownCpu = new Gson().toJson(Map.of("global", Map.of("counts", Map.of("picks", 64),
                "pickTotals", new MetricsSnapshot.PickTotals(1, 90, 0, 0, -1))));
        ServerStats stats = ServerStats.parse(List.of(unknownCpu));
        assertEquals(OptionalLong.empty(), stats.pickCpuNanos(), "an unreadable CPU clock is n/a, not 0");
        assertEquals(OptionalLong.of(5_760), stats.pickWallNanos());
    }

    @Test
    void countersThatGoBackwardsGiveNoDifference() {
        ServerStats before = stats(100, new MetricsSnapshot.PickTotals(10, 1_000, 10, 500, 300));
        ServerStats after = stats(50, new MetricsSnapshot.PickTotals(20, 900, 20, 600, 300));
        assertEquals(new ServerStats(OptionalLong.empty(), Optional.empty()), after.since(before),
                "picks and wall time went backwards: a restarted server");
    }

    @Test
    void procStatFieldsCountFromTheLastParenthesis() {
        String stat = "4242 (java (a) b) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 30 0 12345 0 0";
        assertEquals(OptionalLong.of(287), ProcessCpu.parseTicks(stat));
        assertEquals(OptionalLong.empty(), ProcessCpu.parseTicks("4242 (short) S 1 2"));
    }

    @Test
    void thisProcessHasReadableCpuTime() {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/stat")), "not Linux");
        assertTrue(ProcessCpu.ticksPerSecond().orElse(0) > 0, "getconf CLK_TCK answers");
        assertTrue(ProcessCpu.nanos(ProcessHandle.current()).orElse(0) > 0, "this JVM has used CPU");
    }
}
