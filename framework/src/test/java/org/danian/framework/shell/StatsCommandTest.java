package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.danian.framework.metrics.MetricsSnapshot;
import org.danian.framework.metrics.MetricsSnapshot.Counts;
import org.danian.framework.metrics.MetricsSnapshot.Latency;
import org.junit.jupiter.api.Test;

class StatsCommandTest {

    private static final MetricsSnapshot SNAPSHOT = new MetricsSnapshot(0,
            new MetricsSnapshot.Global(1, 2, 3.5, new Counts(10, 10, 4, 3),
                    new Latency(10, 12_000, 20_000, 40_000, 41_000, 45_000), new Latency(5, 60, 61, 90, 90, 90),
                    3, Map.of("stride", 1L, "lottery", 2L)),
            List.of(new MetricsSnapshot.Proc(7, "memcached", 2, 1.25, new Counts(10, 10, 4, 3),
                    new Latency(10, 12_000, 20_000, 40_000, 41_000, 45_000), Latency.EMPTY,
                    List.of(1_500_000L, 0L))));

    @Test
    void rendersTheGlobalRowThenEachProc() {
        String text = new StatsCommand(() -> SNAPSHOT).stats();

        List<String> lines = text.lines().toList();
        assertEquals("procs: 1   cores held: 2   core-seconds: 3.500   ejections: 3 (lottery: 2, stride: 1)",
                lines.get(0));
        assertEquals(List.of(
                "PROC       CORES  CORE-S  GRANTS  PICKS  HITS  HIT %  MIGRATIONS",
                "(all)      2      3.500   10      10     4     40.0   3",
                "memcached  2      1.250   10      10     4     40.0   3"), lines.subList(2, 5));
        assertEquals(List.of(
                "PROC       GRANT LATENCY µs: N  P50   P90   P99   P99.9  MAX   PICK ns: SAMPLES  P50  P99",
                "(all)      10                   12.0  20.0  40.0  41.0   45.0  5                 60   90",
                "memcached  10                   12.0  20.0  40.0  41.0   45.0  0                 -    -"),
                lines.subList(6, 9));
        assertEquals(List.of("PROC       KTHREAD  CPU ms", "memcached  0        1.500", "memcached  1        0.000"),
                lines.subList(10, 13));
    }

    @Test
    void withNoProcsOnlyTheGlobalNumbersShow() {
        MetricsSnapshot empty = new MetricsSnapshot(0, new MetricsSnapshot.Global(0, 0, 0, new Counts(0, 0, 0, 0),
                Latency.EMPTY, Latency.EMPTY, 0, Map.of()), List.of());
        String text = new StatsCommand(() -> empty).stats();
        assertTrue(text.startsWith("procs: 0   cores held: 0   core-seconds: 0.000   ejections: 0\n"), text);
        assertTrue(text.contains("(all)  0      0.000   0       0      0     -      0"), text);
        assertTrue(!text.contains("KTHREAD"), text);
    }

    @Test
    void printsThePickCountersScaledFromTheSamplesWithTheClockCostSubtracted() {
        MetricsSnapshot sampled = new MetricsSnapshot(0, new MetricsSnapshot.Global(0, 0, 0, new Counts(640, 640, 0, 0),
                Latency.EMPTY, Latency.EMPTY, 0, Map.of(), new MetricsSnapshot.PickTotals(10, 1_000, 10, 5_000, 300)),
                List.of());
        List<String> lines = new StatsCommand(() -> sampled).stats().lines().toList();

        assertTrue(lines.contains("picks 640"), lines::toString);
        assertTrue(lines.contains("pick_wall_ns 64000"), lines::toString); // 100 ns per sample, 640 picks
        assertTrue(lines.contains("pick_cpu_ns 128000"), lines::toString); // (500 - 300) ns per sample
        assertTrue(lines.contains("pick_cpu_clock_read_ns 300"), lines::toString);
    }

    @Test
    void anUnknownCpuClockIsNotApplicableAndNoPicksIsZero() {
        MetricsSnapshot unknown = new MetricsSnapshot(0, new MetricsSnapshot.Global(0, 0, 0, new Counts(64, 64, 0, 0),
                Latency.EMPTY, Latency.EMPTY, 0, Map.of(), new MetricsSnapshot.PickTotals(1, 90, 0, 0, -1)),
                List.of());
        List<String> lines = new StatsCommand(() -> unknown).stats().lines().toList();
        assertTrue(lines.contains("pick_cpu_ns n/a"), lines::toString);
        assertTrue(lines.contains("pick_wall_ns 5760"), lines::toString);

        MetricsSnapshot none = new MetricsSnapshot(0, new MetricsSnapshot.Global(0, 0, 0, new Counts(0, 0, 0, 0),
                Latency.EMPTY, Latency.EMPTY, 0, Map.of()), List.of());
        List<String> zero = new StatsCommand(() -> none).stats().lines().toList();
        assertTrue(zero.containsAll(List.of("picks 0", "pick_wall_ns 0", "pick_cpu_ns 0")), zero::toString);
    }
}
