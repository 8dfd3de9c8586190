package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import com.google.gson.Gson;
import org.danian.kernel.MetricsSnapshot;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Reading {@code danian:stats --json} answers as data, and {@code /proc/<pid>/stat}. */
class ServerStatsTest {

    @Test
    void theCountersComeFromTheMetricsSnapshotAsTheKernelEstimatesThem() {
        MetricsSnapshot.PickTotals totals = new MetricsSnapshot.PickTotals(10, 1_000, 10, 5_000, 300);
        String json = new Gson().toJson(Map.of("global", Map.of("counts", Map.of("picks", 640), "pickTotals", totals)));
        ServerStats stats = ServerStats.parse(List.of("g! ", json));
        assertEquals(new ServerStats(OptionalLong.of(640), OptionalLong.of(totals.estimatedCpuNanos(640)),
                OptionalLong.of(totals.estimatedWallNanos(640))), stats);
        assertEquals(OptionalLong.of(128_000), stats.pickCpuNanos(), "(500 - 300) ns per sampled pick, 640 picks");
    }

    @Test
    void missingOrUnknownNumbersAreNotAvailable() {
        assertEquals(ServerStats.NONE, ServerStats.parse(List.of("gogo: Command not found: danian:stats")));
        assertEquals(ServerStats.NONE, ServerStats.parse(List.of("{\"global\": {\"counts\": {}}}", "{not json")));
        String unknownCpu = new Gson().toJson(Map.of("global", Map.of("counts", Map.of("picks", 64),
                "pickTotals", new MetricsSnapshot.PickTotals(1, 90, 0, 0, -1))));
        assertEquals(new ServerStats(OptionalLong.of(64), OptionalLong.empty(), OptionalLong.of(5_760)),
                ServerStats.parse(List.of(unknownCpu)), "an unreadable CPU clock is n/a, not 0");
    }

    @Test
    void countersThatGoBackwardsGiveNoDifference() {
        ServerStats before = new ServerStats(OptionalLong.of(100), OptionalLong.of(1000), OptionalLong.empty());
        ServerStats after = new ServerStats(OptionalLong.of(50), OptionalLong.of(1500), OptionalLong.of(9));
        assertEquals(new ServerStats(OptionalLong.empty(), OptionalLong.of(500), OptionalLong.empty()),
                after.since(before));
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
