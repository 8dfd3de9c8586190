package org.danian.framework.engine;

import java.util.function.LongUnaryOperator;

import org.danian.framework.affinity.NativeThreads;

/**
 * The scheduler thread's timer slack, chosen by how the bound packet driver is watched. A
 * driver that cannot block (a busy-polled NIC ring) is polled by parking 1 µs doubling to
 * 100 µs, so a park's length is the latency of the next frame: the slack is 1 µs. Linux's
 * default 50 µs stretched a 1 µs park to 66 µs at the median and put the DPDK driver's default
 * answer at about 50 µs, against 26 µs with 1 µs (docs/measurements.md, "Packet drivers"). A
 * driver that can block wakes the loop itself, and the loop's parks only watch congestion: the
 * default slack stays, so a loop on a core it may share with other work wakes no more often than
 * Linux would batch it. Set with the machine's native calls whether or not threads are pinned:
 * slack is not placement.
 *
 * <p>Scheduler thread only; a system call only when the choice changes.
 */
final class ParkPrecision {

    /** The slack while polling a driver that cannot block. */
    static final long POLLING_SLACK_NANOS = 1_000;
    /** {@link NativeThreads#timerSlack}'s value for the thread's default slack. */
    private static final long DEFAULT_SLACK = 0;

    /** {@link NativeThreads#timerSlack} of the machine's native calls. */
    private final LongUnaryOperator timerSlack;
    private final System.Logger logger;
    /** 1 precise, 0 default, -1 before the first park. */
    private int precise = -1;
    private boolean warned;

    /** @param timerSlack sets the calling thread's slack and reads it back, as {@link NativeThreads#timerSlack} */
    ParkPrecision(LongUnaryOperator timerSlack, System.Logger logger) {
        this.timerSlack = timerSlack;
        this.logger = logger;
    }

    /** Before a park: precise timers while the driver cannot block, the default otherwise. */
    void match(boolean driverCanBlock) {
        boolean wanted = !driverCanBlock;
        if (precise == (wanted ? 1 : 0)) {
            return;
        }
        precise = wanted ? 1 : 0;
        long asked = wanted ? POLLING_SLACK_NANOS : DEFAULT_SLACK;
        long got = timerSlack.applyAsLong(asked);
        if (wanted && got != POLLING_SLACK_NANOS && !warned) {
            warned = true;
            logger.log(System.Logger.Level.INFO, "scheduler thread's timer slack not set to " + POLLING_SLACK_NANOS
                    + " ns: its parks between polls of the packet driver may last up to 50 µs longer");
        }
    }

    /** 1 if the last choice was precise timers, 0 the default, -1 before the first park. */
    int precise() {
        return precise;
    }
}
