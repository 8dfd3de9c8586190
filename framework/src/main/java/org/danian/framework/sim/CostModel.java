package org.danian.framework.sim;

/**
 * What the simulator charges for, in virtual nanoseconds. Every default and its source is in
 * {@code docs/simulator.md} ("Cost model"); where a default is an assumption rather than a
 * measurement, that table says so.
 *
 * @param pollIntervalNanos the slow pass's period (Caladan's {@code IOKERNEL_POLL_INTERVAL}, 10 µs)
 * @param kthreadSpinNanos how long a kthread without work spins before it parks (Caladan's
 *     {@code RUNTIME_SCHED_MIN_POLL_US}, 2 µs); {@link #NEVER_PARK} keeps granted kthreads on
 *     their cores forever (fixed cores, for queueing-theory checks)
 * @param fastPassPerCoreNanos scheduler-core time per worker core per loop iteration
 * @param slowPassPerProcNanos scheduler-core time per live proc per slow pass
 * @param grantNanos scheduler-core time per grant besides the pick (mailbox post, wake)
 * @param pickCharge how each thread pick is charged ({@link PickCharge})
 * @param fixedPickNanos the charge per pick when {@code pickCharge} is {@link PickCharge#FIXED}
 * @param wakeLatencyNanos from the end of the iteration that granted an idle core to the
 *     woken kthread running there; also a parking kthread handing its core to the next
 * @param migrationRemoteNanos extra service time of the first request a kthread runs on a
 *     core that is neither its last one nor that core's sibling (cold caches)
 * @param migrationSiblingNanos the same on its last core's sibling (shared L1/L2)
 */
public record CostModel(long pollIntervalNanos, long kthreadSpinNanos, double fastPassPerCoreNanos,
                        double slowPassPerProcNanos, double grantNanos, PickCharge pickCharge,
                        double fixedPickNanos, long wakeLatencyNanos, long migrationRemoteNanos,
                        long migrationSiblingNanos) {

    /** {@link #kthreadSpinNanos} value for kthreads that never park. */
    public static final long NEVER_PARK = Long.MAX_VALUE;

    /** How thread picks are charged to the scheduler core. */
    public enum PickCharge {
        /** By the calibration table: the policy's measured cost at the idle-set size. */
        CALIBRATED,
        /** {@link #fixedPickNanos} per pick, whatever the policy. */
        FIXED
    }

    public CostModel {
        requireNonNegative("pollIntervalNanos", pollIntervalNanos);
        if (pollIntervalNanos == 0) {
            throw new IllegalArgumentException("pollIntervalNanos must be positive: 0");
        }
        requireNonNegative("kthreadSpinNanos", kthreadSpinNanos);
        requireNonNegative("fastPassPerCoreNanos", fastPassPerCoreNanos);
        requireNonNegative("slowPassPerProcNanos", slowPassPerProcNanos);
        requireNonNegative("grantNanos", grantNanos);
        requireNonNegative("fixedPickNanos", fixedPickNanos);
        requireNonNegative("wakeLatencyNanos", wakeLatencyNanos);
        requireNonNegative("migrationRemoteNanos", migrationRemoteNanos);
        requireNonNegative("migrationSiblingNanos", migrationSiblingNanos);
        if (pickCharge == null) {
            throw new IllegalArgumentException("pickCharge must not be null");
        }
    }

    /** The defaults of {@code docs/simulator.md}. */
    public static CostModel defaults() {
        return new CostModel(10_000, 2_000, 2.5, 15, 10, PickCharge.CALIBRATED, 0, 5_000, 1_000, 200);
    }

    /**
     * No overhead at all: scheduling is instantaneous and free, kthreads never park, and no
     * migration costs anything; what is left is the queueing of requests on the granted cores.
     */
    public static CostModel zeroOverhead() {
        return new CostModel(10_000, NEVER_PARK, 0, 0, 0, PickCharge.FIXED, 0, 0, 0, 0);
    }

    public CostModel withPickCharge(PickCharge charge, double fixedNanos) {
        return new CostModel(pollIntervalNanos, kthreadSpinNanos, fastPassPerCoreNanos, slowPassPerProcNanos,
                grantNanos, charge, fixedNanos, wakeLatencyNanos, migrationRemoteNanos, migrationSiblingNanos);
    }

    public CostModel withWakeLatency(long nanos) {
        return new CostModel(pollIntervalNanos, kthreadSpinNanos, fastPassPerCoreNanos, slowPassPerProcNanos,
                grantNanos, pickCharge, fixedPickNanos, nanos, migrationRemoteNanos, migrationSiblingNanos);
    }

    public CostModel withKThreadSpin(long nanos) {
        return new CostModel(pollIntervalNanos, nanos, fastPassPerCoreNanos, slowPassPerProcNanos,
                grantNanos, pickCharge, fixedPickNanos, wakeLatencyNanos, migrationRemoteNanos, migrationSiblingNanos);
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0)) {
            throw new IllegalArgumentException(name + " must be at least 0: " + value);
        }
    }
}
