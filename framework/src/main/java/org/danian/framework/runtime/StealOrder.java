package org.danian.framework.runtime;

import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;

/**
 * The order in which one kthread tries to steal from the other kthreads of its proc, Caladan's
 * runtime rule (OSDI'20 §4.1, runtime/sched.c): first the kthread running on its core's
 * hyperthread sibling, which shares its caches; then every other kthread once, starting at a
 * random one so that thieves spread over victims instead of all raiding kthread 0.
 *
 * <p>Usage, by the owning kthread only (not thread-safe; one instance per kthread):
 * <pre>{@code
 * order.start(myCore, kthreadOnCore);
 * for (int victim = order.next(); victim != StealOrder.NONE; victim = order.next()) { ... }
 * }</pre>
 * Allocation-free. The random start comes from a {@link SplittableRandom} seeded per kthread,
 * so a run is reproducible from its seeds.
 */
public final class StealOrder {

    /** Returned by {@link #next()} when every victim has been offered. */
    public static final int NONE = -1;

    private final int self;
    private final int kthreadCount;
    private final CoreTopology topology;
    private final SplittableRandom random;
    private int siblingVictim = NONE;
    private boolean siblingOffered;
    private int start;
    private int offered;

    /**
     * @param self this kthread's index in its proc, 0 to {@code kthreadCount - 1}
     * @param kthreadCount the proc's number of kthreads
     * @param topology the cores and their siblings
     * @param seed seed for the random start, distinct per kthread
     * @throws IllegalArgumentException if {@code self} is not an index below {@code kthreadCount}
     */
    public StealOrder(int self, int kthreadCount, CoreTopology topology, long seed) {
        if (kthreadCount < 1 || self < 0 || self >= kthreadCount) {
            throw new IllegalArgumentException("kthread " + self + " is not in 0.." + (kthreadCount - 1));
        }
        this.self = self;
        this.kthreadCount = kthreadCount;
        this.topology = topology;
        this.random = new SplittableRandom(seed);
        this.offered = kthreadCount; // nothing to offer before start()
        this.siblingOffered = true;
    }

    /**
     * Begins one round of victims for a kthread running on {@code core}.
     *
     * @param core the core this kthread runs on, or {@link KThreadView#NO_CORE}
     * @param kthreadOnCore the index of this proc's kthread running on a core, or a negative
     *     number if none of this proc's kthreads runs there; pass the same instance every time
     *     to stay allocation-free
     */
    public void start(int core, IntUnaryOperator kthreadOnCore) {
        siblingVictim = NONE;
        if (core != KThreadView.NO_CORE && core < topology.coreCount()) {
            int sibling = topology.sibling(core);
            if (sibling != KThreadView.NO_CORE) {
                int candidate = kthreadOnCore.applyAsInt(sibling);
                if (candidate >= 0 && candidate < kthreadCount && candidate != self) {
                    siblingVictim = candidate;
                }
            }
        }
        siblingOffered = siblingVictim == NONE;
        start = random.nextInt(kthreadCount);
        offered = 0;
    }

    /** The next victim of this round, or {@link #NONE}; never this kthread, never one twice. */
    public int next() {
        if (!siblingOffered) {
            siblingOffered = true;
            return siblingVictim;
        }
        while (offered < kthreadCount) {
            int candidate = start + offered++;
            if (candidate >= kthreadCount) {
                candidate -= kthreadCount;
            }
            if (candidate != self && candidate != siblingVictim) {
                return candidate;
            }
        }
        return NONE;
    }
}
