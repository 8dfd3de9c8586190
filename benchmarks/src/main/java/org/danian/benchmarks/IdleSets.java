package org.danian.benchmarks;

import org.danian.spi.CoreTopology;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;

/**
 * The machine and the idle sets every benchmark starts from: 32 cores in sibling pairs
 * (0,1) … (30,31); idle kthreads last ran on the "hit" cores 0 to 15, spread evenly, and the
 * "miss" cores 16 to 31 are cores that no idle kthread, nor any on its sibling, last ran on.
 */
final class IdleSets {

    static final CoreTopology TOPOLOGY = CoreTopology.siblingPairs(32);
    /** Cores 0..15 (eight sibling pairs) are where idle kthreads last ran. */
    static final int HIT_CORES = 16;
    /** Cores 16..31: no idle kthread last ran on one of them or on its sibling. */
    static final int FIRST_MISS_CORE = 16;

    private IdleSets() {
    }

    /** The hit cores a set of {@code idle} kthreads occupies: all 16, or one per kthread. */
    static int hitCoresFor(int idle) {
        return Math.min(idle, HIT_CORES);
    }

    /** A proc of exactly {@code idle} kthreads, one ticket each (the policies' default). */
    static TestProc proc(int idle) {
        if (idle < 1) {
            throw new IllegalArgumentException("idle kthreads must be at least 1: " + idle);
        }
        return new TestProc(0, idle);
    }

    /**
     * A new picker holding every kthread of {@code proc}, kthread i parked from hit core
     * {@code i % hitCoresFor(n)}, in id order (kthread 0 is the least recently parked).
     */
    static ThreadPicker filledPicker(ThreadPickPolicy policy, TestProc proc) {
        ThreadPicker picker = policy.newPicker(proc, TOPOLOGY);
        fill(picker, proc);
        return picker;
    }

    /** Parks every kthread of {@code proc} into {@code picker} as {@link #filledPicker} does. */
    static void fill(ThreadPicker picker, TestProc proc) {
        int hitCores = hitCoresFor(proc.kthreadCount());
        for (int id = 0; id < proc.kthreadCount(); id++) {
            TestKThread kthread = proc.kthread(id);
            kthread.lastCore(id % hitCores);
            picker.parked(kthread, kthread.lastCore());
        }
    }

    /** Fails the run if the picker lost or gained a kthread: the numbers would be void. */
    static void checkIdleCount(ThreadPicker picker, int expected, String policy) {
        if (picker.idleCount() != expected) {
            throw new IllegalStateException(policy + " ended with " + picker.idleCount()
                    + " idle kthreads instead of " + expected);
        }
    }
}
