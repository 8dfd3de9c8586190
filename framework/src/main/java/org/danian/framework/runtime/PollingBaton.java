package org.danian.framework.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who polls the packet driver now: the scheduler thread, or one kthread that ran out of work
 * while holding a core and waits in the driver for its next packet (directpath receive,
 * Caladan OSDI'20 §4: a runtime polls its own receive queue while it holds a core, and the
 * IOKernel steps in only when it parks). A packet then wakes the kthread that will serve it,
 * one wake-up per request, instead of the scheduler thread and then the kthread.
 *
 * <p><b>States.</b> {@code AT_SCHEDULER}; {@code WANTED(k)}: kthread {@code k} asked for it
 * and waits; {@code HELD(k)}: the scheduler thread handed it over and polls no more. The
 * transitions are compare-and-sets, so the two sides can never both believe they poll:
 * <ul>
 *   <li>a kthread {@linkplain #want asks} (AT_SCHEDULER → WANTED(k)) and wakes the scheduler
 *       thread, which is usually waiting in the driver;</li>
 *   <li>the scheduler thread, about to wait with nothing to judge ({@code Engine.quiet}),
 *       {@linkplain #handOver hands it over} (WANTED(k) → HELD(k)), unparks the kthread and
 *       parks instead of waiting in the driver;</li>
 *   <li>a kthread that stops waiting first {@linkplain #withdraw withdraws} (WANTED(k) →
 *       AT_SCHEDULER), which fails only if it was handed over meanwhile; a holder
 *       {@linkplain #release releases} it (HELD(k) → AT_SCHEDULER) when its linger ends or it
 *       leaves its core, and unparks the scheduler thread.</li>
 * </ul>
 *
 * <p><b>Memory ordering.</b> Each side finishes with the driver before the volatile write
 * that passes the baton and starts only after the volatile read that finds it passed, so the
 * driver's single polling thread contract ({@code PacketDriver}) holds across the change:
 * its calls are never concurrent, and each happens after the previous one.
 *
 * <p>The driver side, {@link DriverPoller}, is set by the kernel when its loop starts; until
 * then, and for a driver that does not allow it, {@link #lingerNanos()} is 0 and no kthread
 * asks.
 */
public final class PollingBaton {

    private static final int AT_SCHEDULER = -1;

    /**
     * The packet driver as a kthread holding the baton uses it; implemented by the kernel over
     * its bound driver.
     */
    public interface DriverPoller {

        /**
         * How long a kthread that ran out of work may wait in the driver, in nanoseconds; 0
         * when the bound driver does not allow kthreads to poll it, or none is bound. Any
         * thread.
         */
        long lingerNanos();

        /**
         * The holder: waits in the driver up to {@code nanos} for a datagram and steers what
         * arrived; the number taken, or -1 if no driver is bound any more.
         */
        int await(long nanos);

        /** Any thread: ends an {@link #await} in progress (a cede or a stop needs its kthread). */
        void wakeup();
    }

    private static final DriverPoller NONE = new DriverPoller() {
        @Override
        public long lingerNanos() {
            return 0;
        }

        @Override
        public int await(long nanos) {
            return -1;
        }

        @Override
        public void wakeup() {
        }
    };

    private final AtomicInteger state = new AtomicInteger(AT_SCHEDULER);
    private volatile DriverPoller poller = NONE;

    /** The kernel, before its loop starts: the driver side. */
    public void poller(DriverPoller driverPoller) {
        this.poller = driverPoller == null ? NONE : driverPoller;
    }

    /** The driver side (a no-op one until the kernel sets it). */
    public DriverPoller poller() {
        return poller;
    }

    /** See {@link DriverPoller#lingerNanos()}. */
    public long lingerNanos() {
        return poller.lingerNanos();
    }

    /** Whether no kthread holds the baton or asks for it. */
    public boolean isFree() {
        return state.get() == AT_SCHEDULER;
    }

    /** Whether the scheduler thread polls the driver (no kthread holds the baton). */
    public boolean atScheduler() {
        int now = state.get();
        return now == AT_SCHEDULER || !isHeld(now);
    }

    /** Whether kthread {@code token} holds the baton. */
    public boolean heldBy(int token) {
        return state.get() == heldState(token);
    }

    /** Kthread {@code token}: asks for the baton; false if another kthread has or wants it. */
    public boolean want(int token) {
        return state.compareAndSet(AT_SCHEDULER, token << 1);
    }

    /**
     * Kthread {@code token}, which {@linkplain #want wanted} it: stops waiting. Returns false if
     * the scheduler handed it over meanwhile: the caller then holds it.
     */
    public boolean withdraw(int token) {
        return state.compareAndSet(token << 1, AT_SCHEDULER);
    }

    /** The token of the kthread waiting for the baton, or -1. */
    public int wanting() {
        int now = state.get();
        return now == AT_SCHEDULER || isHeld(now) ? -1 : now >>> 1;
    }

    /**
     * Scheduler thread, done with the driver: gives the baton to the kthread that wants it.
     * Returns that kthread's token (the caller unparks it), or -1 if none wants it.
     */
    public int handOver() {
        int now = state.get();
        if (now == AT_SCHEDULER || isHeld(now) || !state.compareAndSet(now, now | 1)) {
            return -1;
        }
        return now >>> 1;
    }

    /**
     * Holder {@code token}, done with the driver: gives the baton back to the scheduler thread.
     * Returns false (and changes nothing) if {@code token} does not hold it.
     */
    public boolean release(int token) {
        return state.compareAndSet(heldState(token), AT_SCHEDULER);
    }

    private static int heldState(int token) {
        return (token << 1) | 1;
    }

    private static boolean isHeld(int state) {
        return (state & 1) != 0;
    }
}
