package org.danian.framework.runtime;

import java.util.concurrent.locks.LockSupport;

/**
 * How the scheduler thread waits in {@link IdleStrategy#backoff()}'s park phase. Scheduler
 * thread only; neither method may allocate.
 */
public interface IdleWaiter {

    /** A timed {@link LockSupport#parkNanos(long)}; it never blocks on a work source. */
    IdleWaiter PARK = new IdleWaiter() {
        @Override
        public boolean blocksOnWork() {
            return false;
        }

        @Override
        public void await(long nanos) {
            LockSupport.parkNanos(nanos);
        }
    };

    /**
     * Whether {@link #await} would now block where the next work comes from (the packet
     * driver's selector), so that work ends the wait at once and spinning buys nothing but
     * one thread wake-up.
     */
    boolean blocksOnWork();

    /** Waits at most about {@code nanos} (longer if the wait's resolution is coarser). */
    void await(long nanos);
}
