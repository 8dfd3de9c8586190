package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.Kernel;
import org.danian.framework.engine.LiveFixture;
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.LiveProc;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.ProcStatus;
import org.danian.spi.ProcSpec;
import org.danian.spi.pick.ThreadPickPolicy;
import org.junit.jupiter.api.Test;

/**
 * Live: the tickets a proc's spec gives its kthreads reach the ticket-weighted pick policies
 * in a running kernel. A proc of four kthreads holding 6, 1, 1 and 1 tickets serves bursts one
 * at a time on one worker core; before each burst every kthread is parked, so each grant draws
 * among all four. Lottery's grants per kthread follow the tickets (chi-square); stride's are
 * proportional to within one stride.
 */
class LiveTicketsTest {

    private static final List<Integer> TICKETS = List.of(6, 1, 1, 1);
    /** The 0.999 quantile of the chi-square distribution with 3 degrees of freedom. */
    private static final double CHI_SQUARE_3_999 = 16.266;

    @Test
    void lotteryGrantsFollowTheKThreadsTickets() {
        long[] grants = grantsPerKThread(new LotteryPickPolicy(7), 450);
        double chiSquare = 0;
        long total = Arrays.stream(grants).sum();
        for (int id = 0; id < grants.length; id++) {
            double expected = total * TICKETS.get(id) / 9.0;
            chiSquare += (grants[id] - expected) * (grants[id] - expected) / expected;
        }
        System.out.printf("live lottery grants %s for tickets %s: chi-square %.2f (0.999 critical %.3f)%n",
                Arrays.toString(grants), TICKETS, chiSquare, CHI_SQUARE_3_999);
        // One grant per burst; a few spare for a grant whose kthread finds the work already taken.
        assertTrue(total >= 450 && total <= 460, "grants: " + total);
        double score = chiSquare;
        assertTrue(score < CHI_SQUARE_3_999, () -> "chi-square " + score + " for grants " + Arrays.toString(grants));
        assertTrue(grants[0] > 2 * (grants[1] + grants[2] + grants[3]) / 3, "the 6-ticket kthread runs most");
    }

    @Test
    void strideGrantsAreProportionalToTheTicketsWithinOneStride() {
        long[] grants = grantsPerKThread(new StridePickPolicy(), 90);
        long total = Arrays.stream(grants).sum();
        assertTrue(total >= 90 && total <= 92, "grants: " + total);
        // Stride keeps every kthread's pass within one stride of the others' (Waldspurger and
        // Weihl, 1995), so a kthread is at most its own tickets' worth of grants off its share:
        // exact at the end of a round of 9, and 64 of 94 for the 6-ticket kthread after 4 more.
        for (int id = 0; id < grants.length; id++) {
            double expected = total * TICKETS.get(id) / 9.0;
            assertTrue(Math.abs(grants[id] - expected) <= TICKETS.get(id), "kthread " + id + ": "
                    + Arrays.toString(grants));
        }
        assertTrue(grants[0] >= 6 * Math.min(grants[1], Math.min(grants[2], grants[3])), Arrays.toString(grants));
    }

    /** Runs {@code bursts} one-task bursts through a live kernel picking with {@code policy}. */
    private static long[] grantsPerKThread(ThreadPickPolicy policy, int bursts) {
        Kernel kernel = LiveFixture.unstarted(System.getLogger(Kernel.LOGGER_NAME), KernelSettings.KERNEL_UDP_DRIVER);
        kernel.addPolicy(policy);
        kernel.start(policy.name(), SimpleAllocationPolicy.NAME);
        try {
            LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("weighted", 4).withKThreadTickets(TICKETS));
            AtomicLong ran = new AtomicLong();
            for (int burst = 1; burst <= bursts; burst++) {
                proc.submit(ran::incrementAndGet);
                long done = burst;
                int served = burst;
                LiveFixture.await(() -> ran.get() == done && allParked(kernel),
                        () -> "burst " + served + " served and parked");
            }
            MetricsSnapshot.Proc metrics = kernel.metrics().procs().get(0);
            proc.close();
            return metrics.kthreadGrants().stream().mapToLong(Long::longValue).toArray();
        } finally {
            kernel.stop();
        }
    }

    private static boolean allParked(Kernel kernel) {
        ProcStatus status = kernel.status().procs().get(0);
        return status.count(KThreadStatus.State.IDLE) == status.kthreads().size();
    }
}
