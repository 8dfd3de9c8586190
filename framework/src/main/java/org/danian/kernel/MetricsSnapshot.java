package org.danian.kernel;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The kernel's metrics at one moment, global then per proc; immutable, so any thread may keep
 * and read it. Returned by {@link KernelAdmin#metrics()}.
 *
 * <p>Each number is exact as of the moment it was read; numbers of different procs are read
 * one after another, not atomically together (the scheduler keeps running).
 *
 * @param takenAtNanos the kernel's clock when the snapshot was taken
 * @param global the numbers of every proc that ever ran, detached ones included
 * @param procs the attached procs, in attach order
 */
public record MetricsSnapshot(long takenAtNanos, Global global, List<Proc> procs, HandOffs handOffs) {

    /** A snapshot without hand-off counts (all zero), as before they were counted. */
    public MetricsSnapshot(long takenAtNanos, Global global, List<Proc> procs) {
        this(takenAtNanos, global, procs, HandOffs.ZERO);
    }

    /** Checks the global numbers are present and copies the list. */
    public MetricsSnapshot {
        Objects.requireNonNull(global, "global");
        procs = List.copyOf(procs);
    }

    /**
     * Grants, picks (thread-pick decisions; one per grant), locality hits (the picked kthread
     * last ran on the granted core) and migrations (it last ran on another core).
     */
    public record Counts(long grants, long picks, long localityHits, long migrations) {

        /** Locality hits per pick, from 0 to 1; 0 when nothing was picked. */
        public double localityHitRate() {
            return picks == 0 ? 0 : (double) localityHits / picks;
        }
    }

    /**
     * A latency distribution in nanoseconds (HdrHistogram, values within 1%).
     *
     * @param count how many values were recorded
     * @param sumNanos their sum (the histogram's mean times the count)
     * @param bucketCounts values per bucket of {@link #BUCKET_BOUNDS_NANOS}: entry i counts the
     *     values above bound i−1 and at most bound i, the last entry those above every bound; an
     *     empty list where no buckets were kept
     */
    public record Latency(long count, long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos,
                          long maxNanos, long sumNanos, List<Long> bucketCounts) {

        /**
         * Upper bounds of the buckets, 1 µs to 1 s in 1-2-5 steps: a fixed set, so that
         * distributions of several procs and nodes add up (Prometheus histograms).
         */
        public static final List<Long> BUCKET_BOUNDS_NANOS = List.of(1_000L, 2_000L, 5_000L, 10_000L, 20_000L,
                50_000L, 100_000L, 200_000L, 500_000L, 1_000_000L, 2_000_000L, 5_000_000L, 10_000_000L,
                20_000_000L, 50_000_000L, 100_000_000L, 1_000_000_000L);

        /** No value recorded: every percentile is 0. */
        public static final Latency EMPTY = new Latency(0, 0, 0, 0, 0, 0);

        /** Percentiles only: no sum and no buckets kept. */
        public Latency(long count, long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos, long maxNanos) {
            this(count, p50Nanos, p90Nanos, p99Nanos, p999Nanos, maxNanos, 0, List.of());
        }

        /**
         * Copies the buckets.
         *
         * @throws IllegalArgumentException if there are buckets but not one per bound plus one
         */
        public Latency {
            bucketCounts = List.copyOf(bucketCounts);
            if (!bucketCounts.isEmpty() && bucketCounts.size() != BUCKET_BOUNDS_NANOS.size() + 1) {
                throw new IllegalArgumentException("expected " + (BUCKET_BOUNDS_NANOS.size() + 1)
                        + " bucket counts, got " + bucketCounts.size());
            }
        }

        /** {@code nanos} in microseconds. */
        public static double micros(long nanos) {
            return nanos / 1_000.0;
        }
    }

    /**
     * What the scheduler loop did: its iterations and passes, and the core switches it made.
     *
     * @param iterations loop iterations that ran the engine's passes
     * @param slowPasses slow passes (each proc's delay measured and judged), one per poll interval
     * @param parks kthreads the fast pass saw give their core back (back in their idle set)
     * @param coreNeeded procs reported to the allocator as needing a core (work arrived while
     *     none of their kthreads ran)
     * @param preemptions grants of a core another proc owned: its kthread was asked to cede
     * @param reclaims cores the allocator took back from their owner without giving them on
     * @param busyCoreRefusals grants refused because a switch was still in flight on the core
     */
    public record LoopCounts(long iterations, long slowPasses, long parks, long coreNeeded, long preemptions,
                             long reclaims, long busyCoreRefusals) {

        /** Nothing counted yet. */
        public static final LoopCounts ZERO = new LoopCounts(0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * What happened in one policy slot.
     *
     * @param swaps successful swaps, the first activation and fallbacks included
     * @param failedSwaps swaps abandoned because building the new policy's state failed
     * @param ejections policies ejected for breaking their contract
     */
    public record SlotCounts(long swaps, long failedSwaps, long ejections) {

        /** Nothing counted yet. */
        public static final SlotCounts ZERO = new SlotCounts(0, 0, 0);
    }

    /**
     * Numbers over all procs.
     *
     * @param attachedProcs procs attached now
     * @param coresHeld cores held now by all procs
     * @param coreSeconds core-seconds consumed by all procs, detached ones included
     * @param counts grants, picks, hits, migrations of all procs
     * @param grantLatency congestion detected → kthread running on the granted core
     * @param pickCost sampled cost of the thread picker's pick
     * @param loop what the scheduler loop did
     * @param threadPick the thread-pick slot's swaps and ejections
     * @param coreAllocation the core-allocation slot's swaps and ejections
     * @param ejectionsByPolicy ejections per policy name, both kinds
     * @param packetsUnanswered packets whose handler returned without answering them
     * @param pickTotals sums behind the estimated cost of all picks
     */
    public record Global(int attachedProcs, int coresHeld, double coreSeconds, Counts counts, Latency grantLatency,
                         Latency pickCost, LoopCounts loop, SlotCounts threadPick, SlotCounts coreAllocation,
                         Map<String, Long> ejectionsByPolicy, long packetsUnanswered, PickTotals pickTotals) {

        /** Checks the mandatory fields and copies the map. */
        public Global {
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(grantLatency, "grantLatency");
            Objects.requireNonNull(pickCost, "pickCost");
            Objects.requireNonNull(loop, "loop");
            Objects.requireNonNull(threadPick, "threadPick");
            Objects.requireNonNull(coreAllocation, "coreAllocation");
            Objects.requireNonNull(pickTotals, "pickTotals");
            ejectionsByPolicy = Map.copyOf(ejectionsByPolicy);
        }

        /** Ejections of both kinds. */
        public long ejections() {
            return threadPick.ejections() + coreAllocation.ejections();
        }

        /** The counts of the slot of {@code kind}. */
        public SlotCounts slot(PolicyKind kind) {
            return kind == PolicyKind.THREAD_PICK ? threadPick : coreAllocation;
        }
    }

    /**
     * Sums over the sampled thread picks (one grant in 64), cumulative since the kernel
     * started, from which the cost of all picks is estimated, and the slow-pick watchdog's count.
     *
     * <p><b>CPU time of one pick.</b> The scheduler thread's CPU clock is read around the pick
     * and its wall-clock bracket; the calibrated cost of an empty bracket ({@code
     * cpuClockReadNanos}, the median of many, measured at start) is subtracted from each sample,
     * which is then clamped to [0, the sample's wall time] (one thread cannot use more CPU than
     * the wall time that passed). Each sample adds a non-negative amount, so {@code cpuNanos}
     * never decreases. The error of one sample is the calibration's spread (the clock reads'
     * own jitter, tens of nanoseconds; docs/measurements.md); the mean over many samples is
     * accurate to the calibration's bias, bounded by the clamp.
     *
     * @param samples picks timed
     * @param wallNanos their wall time, summed ({@code System.nanoTime} around the pick)
     * @param cpuSamples picks whose scheduler-thread CPU time was read
     * @param cpuNanos that CPU time, summed, each sample calibrated and clamped as above
     * @param cpuClockReadNanos the median CPU time of an empty bracket, calibrated at start and
     *     subtracted from each sample; -1 if the CPU clock cannot be read
     * @param cpuCost the distribution of the sampled picks' CPU time (calibrated, clamped)
     * @param slowPicks picks slower than the watchdog's budget ({@link KernelSettings#pickBudgetNanos})
     * @param cpuClampedSamples CPU samples that, calibrated, exceeded their wall time and were
     *     clamped to it: when most are, the CPU sum is the wall sum, an upper bound (the clock
     *     reads cost more in the run than in the calibration, e.g. with cold caches)
     */
    public record PickTotals(long samples, long wallNanos, long cpuSamples, long cpuNanos, long cpuClockReadNanos,
                             Latency cpuCost, long slowPicks, long cpuClampedSamples) {

        /** Nothing sampled, CPU clock unknown. */
        public static final PickTotals NONE = new PickTotals(0, 0, 0, 0, -1);

        /** A missing distribution (an older writer's JSON) reads as empty. */
        public PickTotals {
            cpuCost = cpuCost == null ? Latency.EMPTY : cpuCost;
        }

        /** Sums without a CPU distribution and without slow picks. */
        public PickTotals(long samples, long wallNanos, long cpuSamples, long cpuNanos, long cpuClockReadNanos) {
            this(samples, wallNanos, cpuSamples, cpuNanos, cpuClockReadNanos, Latency.EMPTY, 0, 0);
        }

        /**
         * The wall time of {@code picks} picks, estimated as the sampled sum scaled by
         * {@code picks / samples}; 0 when nothing was picked; -1 when picks happened but none
         * was sampled.
         */
        public long estimatedWallNanos(long picks) {
            return scaled(wallNanos, samples, picks);
        }

        /**
         * The scheduler thread's CPU time in {@code picks} picks: the sampled sum scaled by
         * {@code picks / cpuSamples}; 0 when nothing was picked; -1 when unknown (the clock
         * cannot be read, or no pick was sampled).
         */
        public long estimatedCpuNanos(long picks) {
            if (picks != 0 && cpuClockReadNanos < 0) {
                return -1;
            }
            return scaled(cpuNanos, cpuSamples, picks);
        }

        private static long scaled(long sum, long sampled, long picks) {
            if (picks == 0) {
                return 0;
            }
            return sampled == 0 ? -1 : Math.round((double) sum / sampled * picks);
        }
    }

    /**
     * Numbers of one attached proc.
     *
     * @param id the proc's {@link org.danian.spi.ProcView#id()}
     * @param name the proc's name
     * @param coresHeld cores it holds now
     * @param coreSeconds core-seconds it consumed since it was attached
     * @param kthreadCpuNanos the latest CPU time reported for each kthread, by kthread id
     * @param kthreadGrants how many grants ran each kthread, by kthread id
     */
    public record Proc(int id, String name, int coresHeld, double coreSeconds, Counts counts, Latency grantLatency,
                       Latency pickCost, List<Long> kthreadCpuNanos, List<Long> kthreadGrants) {

        public Proc {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(counts, "counts");
            Objects.requireNonNull(grantLatency, "grantLatency");
            Objects.requireNonNull(pickCost, "pickCost");
            kthreadCpuNanos = List.copyOf(kthreadCpuNanos);
            kthreadGrants = List.copyOf(kthreadGrants);
        }
    }

    /**
     * The thread hand-offs on the packet path since the kernel started (Caladan, OSDI'20 §4:
     * every hand-off between cores costs a wake-up, the IOKernel's cost that directpath and
     * fast rewake remove). A request costs at least one, the polling thread handing the packet
     * to a kthread; everything beyond that is a wake-up Linux must schedule.
     *
     * @param requests packets steered to a proc's ingress (each is one hand-off: the packet
     *     wakes the polling thread, which hands it to a kthread, or it wakes the kthread that
     *     waits for it in the driver and will serve it)
     * @param schedulerWakeups times the scheduler thread slept (a park or a wait in the driver)
     *     and was woken
     * @param kthreadWakes parked kthreads the scheduler thread woke for a grant
     * @param egress replies handed to the polling thread to transmit (zero when kthreads
     *     transmit their own)
     * @param fastRewakes kthreads that parked with packets waiting and were re-run on their core
     *     at once, without asking the core-allocation policy
     * @param perRequest all hand-offs divided by the requests (0 without requests)
     */
    public record HandOffs(long requests, long schedulerWakeups, long kthreadWakes, long egress, long fastRewakes,
                           double perRequest) {

        /** Nothing counted yet. */
        public static final HandOffs ZERO = new HandOffs(0, 0, 0, 0, 0);

        /** The counts, with {@link #perRequest} computed from them. */
        public HandOffs(long requests, long schedulerWakeups, long kthreadWakes, long egress, long fastRewakes) {
            this(requests, schedulerWakeups, kthreadWakes, egress, fastRewakes,
                    requests == 0 ? 0 : (double) (requests + schedulerWakeups + kthreadWakes + egress) / requests);
        }
    }
}
