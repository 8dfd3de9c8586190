package org.danian.framework.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyKind;
import org.danian.spi.KThreadView;
import org.danian.spi.pick.contract.TestProc;
import org.junit.jupiter.api.Test;

class KernelMetricsTest {

    private final FakeClock clock = new FakeClock();
    private final KernelMetrics metrics = new KernelMetrics(clock);
    private final TestProc a = new TestProc(0, 4);
    private final TestProc b = new TestProc(7, 2);

    @Test
    void grantsCountPicksHitsAndMigrationsPerProcAndGlobally() {
        metrics.procAttached(a);
        metrics.procAttached(b);
        metrics.grant(a.kthread(0), 1, 1, true);                   // hit, no migration
        metrics.grant(a.kthread(0), 1, KThreadView.NO_CORE, false); // first run: no hit, no migration
        metrics.grant(a.kthread(0), 2, 1, false);                  // migration
        metrics.grant(b.kthread(0), 3, 3, true);

        MetricsSnapshot snapshot = metrics.snapshot();
        MetricsSnapshot.Counts ofA = snapshot.procs().get(0).counts();
        assertEquals(new MetricsSnapshot.Counts(3, 3, 1, 1), ofA);
        assertEquals(1.0 / 3, ofA.localityHitRate(), 1e-12);
        assertEquals(new MetricsSnapshot.Counts(1, 1, 1, 0), snapshot.procs().get(1).counts());
        assertEquals(new MetricsSnapshot.Counts(4, 4, 2, 1), snapshot.global().counts());
        assertEquals(0.5, snapshot.global().counts().localityHitRate(), 1e-12);
    }

    @Test
    void hitRateIsZeroBeforeAnyPick() {
        metrics.procAttached(a);
        assertEquals(0, metrics.snapshot().procs().get(0).counts().localityHitRate());
    }

    @Test
    void coreSecondsIntegrateStepsAndExtrapolateToTheSnapshot() {
        metrics.procAttached(a);
        metrics.procAttached(b);
        clock.advance(1_000_000_000);                  // 1 s with no core: nothing
        metrics.coresHeld(a, 2, clock.nanos);
        clock.advance(500_000_000);                    // a: 2 cores for 0.5 s
        metrics.coresHeld(a, 1, clock.nanos);
        metrics.coresHeld(b, 1, clock.nanos);
        clock.advance(2_000_000_000);                  // a: 1 core, b: 1 core, 2 s, not yet reported

        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(1, snapshot.procs().get(0).coresHeld());
        assertEquals(3.0, snapshot.procs().get(0).coreSeconds(), 1e-9);
        assertEquals(2.0, snapshot.procs().get(1).coreSeconds(), 1e-9);
        assertEquals(2, snapshot.global().coresHeld());
        assertEquals(5.0, snapshot.global().coreSeconds(), 1e-9);
    }

    @Test
    void aDetachedProcLeavesTheListButStaysInTheGlobalNumbers() {
        metrics.procAttached(a);
        metrics.procAttached(b);
        metrics.coresHeld(a, 1, clock.nanos);
        metrics.grant(a.kthread(0), 1, 1, true);
        clock.advance(1_000_000_000);
        metrics.procDetached(a);                        // returns its core
        clock.advance(1_000_000_000);

        MetricsSnapshot snapshot = metrics.snapshot();
        assertEquals(List.of("proc-7"), snapshot.procs().stream().map(MetricsSnapshot.Proc::name).toList());
        assertEquals(1, snapshot.global().attachedProcs());
        assertEquals(0, snapshot.global().coresHeld());
        assertEquals(1.0, snapshot.global().coreSeconds(), 1e-9);
        assertEquals(1, snapshot.global().counts().grants());
        assertNull(metrics.procSnapshot(a.id()));
        assertFalse(metrics.kthreadCpuNanos(a, 0, 5), "a late CPU report of a closed proc is dropped");
    }

    @Test
    void percentilesOfKnownValues() {
        metrics.procAttached(a);
        for (int micros = 1; micros <= 1_000; micros++) {
            metrics.grantLatency(a, micros * 1_000L);
        }
        for (int nanos = 1; nanos <= 100; nanos++) {
            metrics.pickCost(a, nanos);
        }
        MetricsSnapshot.Latency latency = metrics.snapshot().procs().get(0).grantLatency();
        assertEquals(1_000, latency.count());
        assertWithinOnePercent(500_000, latency.p50Nanos());
        assertWithinOnePercent(900_000, latency.p90Nanos());
        assertWithinOnePercent(990_000, latency.p99Nanos());
        assertWithinOnePercent(999_000, latency.p999Nanos());
        assertWithinOnePercent(1_000_000, latency.maxNanos());
        MetricsSnapshot.Latency pick = metrics.snapshot().global().pickCost();
        assertEquals(100, pick.count());
        assertEquals(50, pick.p50Nanos(), "values below 256 ns are exact");
        assertEquals(99, pick.p99Nanos());
    }

    @Test
    void pickCpuIsCalibratedPerSampleAndNeitherNegativeNorAboveWallNorDecreasing() {
        metrics.procAttached(a);
        metrics.cpuClockReadNanos(300);
        metrics.pickCost(a, 100, 380);   // 80 ns of CPU
        metrics.pickCost(a, 100, 250);   // the bracket measured less than its median: 0, not -50
        metrics.pickCost(a, 100, 900);   // 600 after calibration, but one thread cannot beat the wall: 100
        MetricsSnapshot.PickTotals totals = metrics.globalSnapshot().pickTotals();
        assertEquals(new MetricsSnapshot.PickTotals(3, 300, 3, 180, 300, totals.cpuCost(), 0, 1), totals,
                "one sample clamped to its wall time");
        assertEquals(3, totals.cpuCost().count());
        assertEquals(80, totals.cpuCost().p50Nanos());
        long cpuBefore = totals.cpuNanos();
        for (int i = 0; i < 1_000; i++) {
            metrics.pickCost(a, 50, 300 + (i % 7)); // cheaper than the calibration on average
        }
        MetricsSnapshot.PickTotals later = metrics.globalSnapshot().pickTotals();
        assertTrue(later.cpuNanos() >= cpuBefore, later.cpuNanos() + " went below " + cpuBefore);
        assertTrue(later.cpuNanos() <= later.wallNanos(), later + ": CPU over wall");
        assertTrue(later.estimatedCpuNanos(64_000) <= later.estimatedWallNanos(64_000));
    }

    @Test
    void slowPicksAreCounted() {
        metrics.slowPick();
        metrics.slowPick();
        assertEquals(2, metrics.globalSnapshot().pickTotals().slowPicks());
    }

    @Test
    void outOfRangeLatenciesAreClampedNotThrown() {
        metrics.procAttached(a);
        metrics.grantLatency(a, -5);
        metrics.grantLatency(a, Long.MAX_VALUE);
        MetricsSnapshot.Latency latency = metrics.globalSnapshot().grantLatency();
        assertEquals(2, latency.count());
        assertWithinOnePercent(LatencyRecorder.HIGHEST_NANOS, latency.maxNanos());
    }

    @Test
    void aSnapshotDoesNotChangeAfterMoreRecords() {
        metrics.procAttached(a);
        metrics.grant(a.kthread(0), 1, 1, true);
        metrics.grantLatency(a, 10_000);
        metrics.kthreadCpuNanos(a, 2, 300);
        metrics.coresHeld(a, 1, clock.nanos);
        metrics.ejection(PolicyKind.THREAD_PICK, "lottery");
        MetricsSnapshot before = metrics.snapshot();
        String beforeText = before.toString();

        metrics.grant(a.kthread(0), 2, 1, false);
        metrics.grantLatency(a, 90_000);
        metrics.kthreadCpuNanos(a, 2, 900);
        clock.advance(1_000_000);
        metrics.coresHeld(a, 2, clock.nanos);
        metrics.ejection(PolicyKind.THREAD_PICK, "stride");
        metrics.procAttached(b);

        assertEquals(beforeText, before.toString());
        assertTrue(!metrics.snapshot().toString().equals(beforeText), "the later snapshot sees the new records");
        assertThrows(UnsupportedOperationException.class, () -> before.procs().get(0).kthreadCpuNanos().set(0, 1L));
    }

    @Test
    void kthreadCpuTimeKeepsTheLatestReportFromAnyThread() throws InterruptedException {
        metrics.procAttached(a);
        Thread kthread = new Thread(() -> {
            for (long cpu = 1; cpu <= 10_000; cpu++) {
                metrics.kthreadCpuNanos(a, 1, cpu);
            }
        });
        kthread.start();
        metrics.kthreadCpuNanos(a, 1, 5);              // a stale report from the scheduler
        kthread.join();
        metrics.kthreadCpuNanos(a, 1, 7);              // another stale one, after
        assertEquals(List.of(0L, 10_000L, 0L, 0L), metrics.snapshot().procs().get(0).kthreadCpuNanos());
        assertThrows(IllegalArgumentException.class, () -> metrics.kthreadCpuNanos(a, 4, 1));
    }

    @Test
    void ejectionsAreCountedPerPolicy() {
        metrics.ejection(PolicyKind.THREAD_PICK, "lottery");
        metrics.ejection(PolicyKind.THREAD_PICK, "stride");
        metrics.ejection(PolicyKind.THREAD_PICK, "lottery");
        MetricsSnapshot.Global global = metrics.snapshot().global();
        assertEquals(3, global.ejections());
        assertEquals(Map.of("lottery", 2L, "stride", 1L), global.ejectionsByPolicy());
    }

    @Test
    void callerMistakesThrowWithTheBadValue() {
        metrics.procAttached(a);
        IllegalArgumentException notAttached = assertThrows(IllegalArgumentException.class,
                () -> metrics.grant(b.kthread(0), 0, 0, true));
        assertTrue(notAttached.getMessage().contains("proc-7"), notAttached.getMessage());
        assertThrows(IllegalArgumentException.class, () -> metrics.procAttached(a));
        assertThrows(IllegalArgumentException.class, () -> metrics.coresHeld(a, -1, 0));
    }

    @Test
    void manyProcsAreFoundById() {
        TestProc[] procs = new TestProc[40];
        for (int i = 0; i < procs.length; i++) {
            procs[i] = new TestProc(i * 1_000_003, 1);
            metrics.procAttached(procs[i]);
        }
        for (int i = 0; i < procs.length; i += 2) {
            metrics.procDetached(procs[i]);
        }
        for (int i = 1; i < procs.length; i += 2) {
            metrics.grant(procs[i].kthread(0), 0, 0, true);
            assertEquals(1, metrics.procSnapshot(procs[i].id()).counts().grants());
        }
        assertEquals(20, metrics.snapshot().procs().size());
    }

    private static void assertWithinOnePercent(long expected, long actual) {
        assertTrue(Math.abs(actual - expected) <= expected / 100, "expected ~" + expected + ", was " + actual);
    }
}
