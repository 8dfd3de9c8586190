package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.MetricsSnapshot.Counts;
import org.danian.kernel.MetricsSnapshot.Latency;
import org.danian.kernel.MetricsSnapshot.LoopCounts;
import org.danian.kernel.MetricsSnapshot.PickTotals;
import org.danian.kernel.MetricsSnapshot.SlotCounts;
import org.junit.jupiter.api.Test;

/** {@code danian:stats}: the text for people, and the JSON that reads back into the same snapshot. */
class StatsReportTest {

    private static MetricsSnapshot.Global global(int procs, Counts counts, Latency grant, Latency pick,
                                                 PickTotals totals) {
        return new MetricsSnapshot.Global(procs, procs * 2, procs * 3.5, counts, grant, pick,
                new LoopCounts(100, 10, 8, 2, 1, 0, 0), new SlotCounts(1, 0, 2), new SlotCounts(1, 0, 1),
                procs == 0 ? Map.of() : Map.of("stride", 1L, "lottery", 2L), 0, totals);
    }

    private static final MetricsSnapshot SNAPSHOT = new MetricsSnapshot(0,
            global(1, new Counts(10, 10, 4, 3), new Latency(10, 12_000, 20_000, 40_000, 41_000, 45_000),
                    new Latency(5, 60, 61, 90, 90, 90), PickTotals.NONE),
            List.of(new MetricsSnapshot.Proc(7, "memcached", 2, 1.25, new Counts(10, 10, 4, 3),
                    new Latency(10, 12_000, 20_000, 40_000, 41_000, 45_000), Latency.EMPTY,
                    List.of(1_500_000L, 0L), List.of(6L, 4L))));

    @Test
    void rendersTheGlobalRowThenEachProc() {
        List<String> lines = StatsReport.render(SNAPSHOT).lines().toList();

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
        assertEquals(List.of("PROC       KTHREAD  CPU ms  GRANTS", "memcached  0        1.500   6",
                "memcached  1        0.000   4"), lines.subList(10, 13));
        assertEquals(List.of("ITERATIONS  SLOW PASSES  PARKS  CORE NEEDED  PREEMPTIONS  RECLAIMS  BUSY-CORE REFUSALS"
                + "  UNANSWERED PACKETS", "100         10           8      2            1            0         0"
                + "                   0"), lines.subList(14, 16));
    }

    @Test
    void withNoProcsOnlyTheGlobalNumbersShow() {
        MetricsSnapshot empty = new MetricsSnapshot(0, global(0, new Counts(0, 0, 0, 0), Latency.EMPTY, Latency.EMPTY,
                PickTotals.NONE), List.of());
        String text = StatsReport.render(empty);
        assertTrue(text.startsWith("procs: 0   cores held: 0   core-seconds: 0.000   ejections: 3\n"), text);
        assertTrue(text.contains("(all)  0      0.000   0       0      0     -      0"), text);
        assertFalse(text.contains("KTHREAD"), text);
    }

    @Test
    void pickTotalsAreScaledFromTheCalibratedSamples() {
        PickTotals totals = new PickTotals(10, 1_000, 10, 800, 300, new Latency(10, 70, 90, 95, 95, 95), 2, 1);
        MetricsSnapshot sampled = new MetricsSnapshot(0, global(0, new Counts(640, 640, 0, 0), Latency.EMPTY,
                Latency.EMPTY, totals), List.of());
        List<String> lines = StatsReport.render(sampled).lines().toList();
        // 100 ns per sampled pick wall, 80 ns CPU (already calibrated), over 640 picks
        assertEquals(List.of("PICKS  EST. WALL ns  EST. CPU ns  CPU p50 ns  CPU p99 ns  CPU CLOCK READ ns  CPU CLAMPED"
                + "  SLOW PICKS", "640    64000         51200        70          95          300                1"
                + "            2"),
                lines.subList(lines.size() - 2, lines.size()));
        PickTotals unknown = new PickTotals(1, 90, 0, 0, -1);
        assertEquals(-1, unknown.estimatedCpuNanos(64), "unknown CPU clock");
        assertEquals(5760, unknown.estimatedWallNanos(64));
        assertEquals(0, PickTotals.NONE.estimatedWallNanos(0), "no picks is zero");
    }

    @Test
    void theJsonAnswerReadsBackIntoTheSameSnapshot() {
        String json = JsonAnswer.of(SNAPSHOT);
        assertEquals(1, json.lines().count(), "one line");
        assertEquals(SNAPSHOT, new Gson().fromJson(json, MetricsSnapshot.class));
    }
}
