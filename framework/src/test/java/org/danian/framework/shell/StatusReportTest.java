package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.kernel.DriverStatus;
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.PolicySlotStatus;
import org.danian.kernel.ProcStatus;
import org.danian.kernel.ThreadPriority;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.net.DriverCounters;
import org.junit.jupiter.api.Test;

/** {@code danian:status} as text: slots, settings, procs and kthreads in their three states, cores, packets. */
class StatusReportTest {

    @Test
    void rendersSlotsSettingsProcsCoresPacketsEventsAndWarnings() {
        ProcStatus web = new ProcStatus(0, ProcSpec.latencyCritical("web", 3), 2, 12_000, List.of(
                new KThreadStatus(0, KThreadStatus.State.RUNNING, 1, 1, 0, 1),
                new KThreadStatus(1, KThreadStatus.State.CEDING, 3, 3, 0, 1),
                new KThreadStatus(2, KThreadStatus.State.IDLE, KThreadView.NO_CORE, 2, 17, 1)));
        KernelStatus status = new KernelStatus(KernelSettings.defaults(CoreTopology.siblingPairs(4)), 4, List.of(web),
                new PolicySlotStatus(PolicyKind.THREAD_PICK, "faulty", "danian-exact", 3, 0, 1),
                new PolicySlotStatus(PolicyKind.CORE_ALLOCATION, "simple", "simple", 1, 0, 0),
                new DriverStatus("kernel-udp", true, 2, new DriverCounters(10, 9, 9, 0, 0, 0, 1, 0, 0, 0), 0),
                List.of(new PolicyEvent(1, PolicyKind.THREAD_PICK, PolicyEvent.Type.EJECTED, "faulty",
                        "pick(3) for proc 0 'web' threw", "danian-exact")),
                List.of("the configured thread-pick policy 'faulty' is not active"));

        String text = StatusReport.render(status);

        assertTrue(text.startsWith("""
                thread-pick policy:     danian-exact (configured: faulty)   swaps: 3   failed swaps: 0   ejections: 1
                core-allocation policy: simple (configured: simple)   swaps: 1   failed swaps: 0   ejections: 0
                """), text);
        assertTrue(text.contains("0               [1, 2, 3]     10.0     block  2000             no      kernel-udp"),
                text);
        assertTrue(text.contains("pinning: not pinned (pinThreads=auto): pinThreads=auto\n"), text);
        assertTrue(text.contains("priority: nice not set: threadNice=-10, not yet set\n"), text);
        String refused = StatusReport.render(status.withPriority(new ThreadPriority(-10, false, 0, "errno 13")));
        assertTrue(refused.contains("priority: nice not set: errno 13\n"), refused);
        String set = StatusReport.render(status.withPriority(new ThreadPriority(-10, true, 2, "threadNice=-10: set")));
        assertTrue(set.contains("priority: nice -10: threadNice=-10: set (2 kthreads refused it)\n"), set);
        assertTrue(text.contains("""
                PROC  NAME  KTHREADS  RUNNING  IDLE  CEDING  CORES  DELAY µs
                0     web   3         1        1     1       2      12.0
                """), text);
        assertTrue(text.contains("web   1        ceding   3     3          -       1"), text);
        assertTrue(text.contains("web   2        idle     -     2          17      1"), text);
        assertTrue(text.contains("""
                CORE  RUNS
                0     (scheduler)
                1     web/0
                2     idle
                3     idle
                """), text);
        assertTrue(text.contains("kernel-udp  2      10        9          9     1        1"), text);
        assertTrue(text.contains("thread-pick  ejected  faulty  danian-exact  pick(3) for proc 0 'web' threw"), text);
        assertTrue(text.contains("WARNINGS\n  the configured thread-pick policy 'faulty' is not active"), text);
    }
}
