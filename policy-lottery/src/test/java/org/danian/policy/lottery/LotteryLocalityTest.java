package org.danian.policy.lottery;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.danian.spi.CoreTopology;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.contract.PickerHarness;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.junit.jupiter.api.Test;

/**
 * How often the picked kthread last ran on the requested core, on one seeded stream of
 * operations: printed beside the other policies' rates (the lottery ignores the core, so its
 * rate is roughly the share of idle kthreads that parked from the requested core).
 */
class LotteryLocalityTest {

    private static final int STEPS = 50_000;

    @Test
    void printsTheSameCoreRateOfLotteryAndStride() {
        for (ThreadPickPolicy policy : new ThreadPickPolicy[] {new LotteryPickPolicy(5), new StridePickPolicy()}) {
            double rate = sameCoreRate(policy);
            System.out.printf("locality: %s picked a kthread that last ran on the requested core in %.4f of picks%n",
                    policy.name(), rate);
            assertTrue(rate >= 0 && rate <= 1, () -> "rate out of range: " + rate);
        }
    }

    /** The share of picks whose kthread's last core, before the pick, was the requested core. */
    private static double sameCoreRate(ThreadPickPolicy policy) {
        SplittableRandom random = new SplittableRandom(2024);
        CoreTopology topology = CoreTopology.siblingPairs(16);
        TestProc proc = new TestProc(0, 32);
        PickerHarness harness = new PickerHarness(policy, proc, topology);
        int[] lastCoreBefore = new int[proc.kthreadCount()];
        long picks = 0;
        long sameCore = 0;
        for (int step = 0; step < STEPS; step++) {
            for (int id = 0; id < lastCoreBefore.length; id++) {
                lastCoreBefore[id] = proc.kthread(id).lastCore();
            }
            int core = random.nextInt(topology.coreCount());
            TestKThread picked = random.nextInt(100) < 55 ? harness.pick(core) : null;
            if (picked != null) {
                picks++;
                sameCore += lastCoreBefore[picked.id()] == core ? 1 : 0;
            } else if (harness.runningCount() > 0) {
                harness.parkRunning(random.nextInt(harness.runningCount()));
            }
        }
        assertTrue(picks > 0, "the stream made no pick");
        return (double) sameCore / picks;
    }
}
