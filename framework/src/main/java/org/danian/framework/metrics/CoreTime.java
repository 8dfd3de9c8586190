package org.danian.framework.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Cores held now and core-time integrated over the kernel's clock: each update adds
 * {@code held × (now − since)} to the total and starts a new step at {@code now}.
 *
 * <p>One writer (the scheduler thread); readers on any thread. The three fields change
 * together, so they are published under a sequence lock (as {@code StampedLock}'s optimistic
 * read): the writer makes the sequence odd, fences stores, writes the fields with opaque
 * stores (no torn longs), and makes it even again with a release store; a reader loads the
 * sequence with acquire, the fields with opaque loads, then fences loads and re-reads the
 * sequence, retrying while it was odd or moved. The writer never waits.
 */
final class CoreTime {

    private static final VarHandle SEQUENCE;
    private static final VarHandle HELD;
    private static final VarHandle CORE_NANOS;
    private static final VarHandle SINCE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SEQUENCE = lookup.findVarHandle(CoreTime.class, "sequence", int.class);
            HELD = lookup.findVarHandle(CoreTime.class, "held", int.class);
            CORE_NANOS = lookup.findVarHandle(CoreTime.class, "coreNanos", long.class);
            SINCE = lookup.findVarHandle(CoreTime.class, "since", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Cores held, and the core-nanoseconds integrated up to {@code atNanos}. */
    record Reading(int held, long coreNanos) {
    }

    private int sequence;
    private int held;
    private long coreNanos;
    private long since;

    CoreTime(long startNanos) {
        this.since = startNanos;
    }

    /** Writer only: cores held now. */
    int held() {
        return held;
    }

    /** Writer only: from {@code nowNanos} on, {@code cores} cores are held. */
    void update(int cores, long nowNanos) {
        int entered = sequence + 1;
        SEQUENCE.setOpaque(this, entered);
        VarHandle.storeStoreFence();
        CORE_NANOS.setOpaque(this, coreNanos + stepNanos(held, since, nowNanos));
        HELD.setOpaque(this, cores);
        SINCE.setOpaque(this, Math.max(since, nowNanos));
        SEQUENCE.setRelease(this, entered + 1);
    }

    /** Any thread: the cores held and core-time as of {@code nowNanos}, extrapolating the current step. */
    Reading read(long nowNanos) {
        while (true) {
            int before = (int) SEQUENCE.getAcquire(this);
            int heldSeen = (int) HELD.getOpaque(this);
            long coreNanosSeen = (long) CORE_NANOS.getOpaque(this);
            long sinceSeen = (long) SINCE.getOpaque(this);
            VarHandle.loadLoadFence();
            if ((before & 1) == 0 && before == (int) SEQUENCE.getOpaque(this)) {
                return new Reading(heldSeen, coreNanosSeen + stepNanos(heldSeen, sinceSeen, nowNanos));
            }
            Thread.onSpinWait();
        }
    }

    /** Core-time of one step; a clock read before the step began counts as no time. */
    private static long stepNanos(int cores, long fromNanos, long toNanos) {
        return cores * Math.max(0, toNanos - fromNanos);
    }
}
