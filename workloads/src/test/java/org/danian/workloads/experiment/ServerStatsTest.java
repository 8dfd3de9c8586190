package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Defensive parsing of {@code danian:stats} answers and of {@code /proc/<pid>/stat}. */
class ServerStatsTest {

    @Test
    void keysWithSpaceColonOrEquals() {
        ServerStats stats = ServerStats.parse(List.of("picks 12", "pick_cpu_ns: 3400", "pick_wall_ns=5600"));
        assertEquals(new ServerStats(OptionalLong.of(12), OptionalLong.of(3400), OptionalLong.of(5600)), stats);
    }

    @Test
    void missingGarbledOrAmbiguousNumbersAreNotAvailable() {
        ServerStats stats = ServerStats.parse(List.of("picks: many", "pick_cpu_ns 10", "pick_cpu_ns 11",
                "my_picks 5", "pick_wall_ns 1.5"));
        assertEquals(ServerStats.NONE, stats);
        assertEquals(OptionalLong.of(7), ServerStats.parse(List.of("picks 7", "picks 7")).picks(),
                "the same value twice is not ambiguous");
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
