package org.danian.policy.danian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;

import org.danian.policy.caladan.CaladanPickPolicy;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.junit.jupiter.api.Test;

/**
 * How often each policy resumes a kthread on the core it last ran on, on one seeded stream of
 * core grants and releases replayed against {@code caladan}, {@code danian-exact} and
 * {@code danian}.
 *
 * <p>The stream models one proc as the kernel drives it: 8 kthreads (Caladan sizes a proc's
 * kthread pool by its maximum core count) on 16 cores in sibling pairs that it shares with
 * other procs. A core runs at most one of the proc's kthreads; a release parks the kthread
 * running on a busy core; a grant picks a kthread for a core the proc is not using, only while
 * one of its kthreads is idle, and prefers the core the proc released most recently (as
 * Caladan's simple policy prefers cores the proc's idle kthreads last used), else any other.
 * The stream is described by cores only, and every grant finds an idle kthread, so every
 * policy sees exactly the same operations.
 *
 * <p>With as many kthreads as cores or more, each core keeps "its" kthread for good and all
 * three policies resume on the same core almost always; the differences this test shows need
 * kthreads to move between cores, hence the smaller pool.
 */
class LocalityTest {

    private static final CoreTopology TOPOLOGY = CoreTopology.siblingPairs(16);
    private static final int KTHREADS = 8;
    private static final int OPERATIONS = 200_000;
    private static final long SEED = 20_201_104;
    /** Share of grants that go to the most recently released idle core. */
    private static final int RECENT_CORE_PERCENT = 60;

    @Test
    void danianExactKeepsCaladansLocalityAndDanianDoesNotExceedIt() {
        int[] stream = coreStream(new SplittableRandom(SEED));
        Locality caladan = replay(new CaladanPickPolicy(), stream);
        Locality exact = replay(new DanianExactPickPolicy(), stream);
        Locality danian = replay(new DanianPickPolicy(), stream);
        System.out.println(caladan.line(CaladanPickPolicy.NAME));
        System.out.println(exact.line(DanianExactPickPolicy.NAME));
        System.out.println(danian.line(DanianPickPolicy.NAME));

        assertTrue(caladan.grants > OPERATIONS / 4, "too few grants: " + caladan.grants);
        assertEquals(caladan.grants, exact.grants);
        assertEquals(caladan.grants, danian.grants);
        assertEquals(caladan.sameCore, exact.sameCore, "danian-exact must keep caladan's locality exactly");
        assertTrue(exact.sameCore >= danian.sameCore,
                () -> "danian (" + danian.sameCore + ") beat danian-exact (" + exact.sameCore + ")");
    }

    /**
     * The grant/release stream: {@code c + 1} grants core {@code c}, {@code -(c + 1)} releases
     * it. Grants and releases alternate at random, with at least one core and at most
     * {@link #KTHREADS} cores busy.
     */
    private static int[] coreStream(SplittableRandom random) {
        int cores = TOPOLOGY.coreCount();
        boolean[] busy = new boolean[cores];
        long[] releasedAt = new long[cores];
        int busyCount = 0;
        int[] stream = new int[OPERATIONS];
        for (int op = 0; op < OPERATIONS; op++) {
            boolean grant = busyCount == 0 || (busyCount < KTHREADS && random.nextBoolean());
            int core = grant ? coreToGrant(random, busy, releasedAt) : nthCore(busy, true, random.nextInt(busyCount));
            busy[core] = grant;
            busyCount += grant ? 1 : -1;
            releasedAt[core] = grant ? releasedAt[core] : op + 1;
            stream[op] = grant ? core + 1 : -(core + 1);
        }
        return stream;
    }

    private static int coreToGrant(SplittableRandom random, boolean[] busy, long[] releasedAt) {
        int idleCores = 0;
        int mostRecent = -1;
        for (int core = 0; core < busy.length; core++) {
            if (!busy[core]) {
                idleCores++;
                if (mostRecent == -1 || releasedAt[core] > releasedAt[mostRecent]) {
                    mostRecent = core;
                }
            }
        }
        if (random.nextInt(100) < RECENT_CORE_PERCENT) {
            return mostRecent;
        }
        return nthCore(busy, false, random.nextInt(idleCores));
    }

    /** The {@code n}-th core (from 0) whose busy flag is {@code wanted}. */
    private static int nthCore(boolean[] busy, boolean wanted, int n) {
        for (int core = 0; core < busy.length; core++) {
            if (busy[core] == wanted && n-- == 0) {
                return core;
            }
        }
        throw new IllegalStateException("no core number " + n + " with busy=" + wanted);
    }

    /** Replays the stream as the kernel would, counting picks that return to the same core. */
    private static Locality replay(ThreadPickPolicy policy, int[] stream) {
        TestProc proc = new TestProc(0, KTHREADS);
        ThreadPicker picker = policy.newPicker(proc, TOPOLOGY);
        for (int id = 0; id < KTHREADS; id++) {
            picker.parked(proc.kthread(id), KThreadView.NO_CORE);
        }
        TestKThread[] runningOn = new TestKThread[TOPOLOGY.coreCount()];
        Locality locality = new Locality();
        for (int operation : stream) {
            int core = Math.abs(operation) - 1;
            if (operation > 0) {
                TestKThread kthread = pickChecked(picker, proc, core, runningOn);
                locality.grants++;
                if (kthread.lastCore() == core) {
                    locality.sameCore++;
                }
                kthread.lastCore(core);
                runningOn[core] = kthread;
            } else {
                picker.parked(runningOn[core], core);
                runningOn[core] = null;
            }
        }
        return locality;
    }

    private static TestKThread pickChecked(ThreadPicker picker, TestProc proc, int core, TestKThread[] runningOn) {
        KThreadView picked = picker.pick(core);
        assertNotNull(picked, "no kthread picked although one is idle");
        TestKThread kthread = proc.kthread(picked.id());
        assertSame(kthread, picked);
        for (TestKThread running : runningOn) {
            assertFalse(running == kthread, () -> "picked " + kthread + ", which is running");
        }
        return kthread;
    }

    private static final class Locality {
        long grants;
        long sameCore;

        String line(String policy) {
            return String.format(Locale.ROOT, "locality %-12s %.4f (%d of %d picks resumed on the same core)",
                    policy, (double) sameCore / grants, sameCore, grants);
        }
    }
}
