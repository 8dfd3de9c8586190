package org.danian.framework.engine;

import org.danian.framework.runtime.CoreMailbox;

/**
 * The scheduler's state of one worker core beyond which kthread owns it (that is
 * {@link ProcTable#onCore}): the generation it was posted with, whether it has started, the
 * kthread being switched out, and a pending reclaim. Caladan keeps the same per core: the
 * running kthread, the one switching out, and pending/wait flags (iokernel/sched.c).
 *
 * <p>A core has at most one switch in flight: a grant on a core whose previous owner is
 * still leaving is refused, so every posted kthread is eventually woken. Scheduler thread
 * only.
 */
final class CoreSlot {

    /** The generation of a core no kthread owns. */
    static final long NO_GENERATION = 0;

    final int core;
    /** Mailbox generation of the owner's post; {@link #NO_GENERATION} if no kthread owns the core. */
    long generation = NO_GENERATION;
    /** Whether the owner has published run done for {@link #generation}. */
    boolean started;
    /** When the owner was granted the core (the earliest it can have left). */
    long grantedNanos;
    /** When the congestion that led to this grant was detected (for grant latency). */
    long congestionNanos;
    /** The kthread asked to give the core to the owner; null when no switch is in flight. */
    KThreadEntry leaving;
    long leavingGeneration = NO_GENERATION;
    /** Whether the allocator reclaimed the core and its owner has not left yet. */
    boolean reclaiming;

    CoreSlot(int core) {
        this.core = core;
    }

    /**
     * When the owner left, as it said in its mailbox: the loop may observe a park late (it
     * waits in the packet driver while granted cores have nothing queued, {@link
     * Engine#quiet()}), and the core stopped being used then, not when it was seen. A time
     * outside the grant's span (a kthread played without a clock) counts as {@code now}.
     */
    long leftAt(CoreMailbox mailbox, long now) {
        return withinGrant(mailbox.leftAtNanos(), now);
    }

    /** When the owner started, as it said; as {@link #leftAt}. */
    long startedAt(CoreMailbox mailbox, long now) {
        return withinGrant(mailbox.startedAtNanos(), now);
    }

    private long withinGrant(long said, long now) {
        return said - grantedNanos >= 0 && now - said >= 0 ? said : now;
    }

    /** The owner left: nothing runs here. */
    void clearOwner() {
        generation = NO_GENERATION;
        started = false;
        reclaiming = false;
    }
}
