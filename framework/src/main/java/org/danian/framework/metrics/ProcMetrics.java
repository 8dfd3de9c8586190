package org.danian.framework.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

import org.danian.kernel.MetricsSnapshot;
import org.danian.spi.ProcView;

/**
 * The live metrics of one proc (threading as in {@link KernelMetrics}). Its CPU times per
 * kthread may be written by any thread: each slot only moves forward (a compare-and-set keeps
 * the larger value), so a late report from the scheduler never hides a fresher one from the
 * kthread itself.
 */
final class ProcMetrics {

    final ProcView proc;
    final Tally tally = new Tally();
    final CoreTime coreTime;
    final LatencyRecorder grantLatency = new LatencyRecorder();
    final LatencyRecorder pickCost = new LatencyRecorder();
    private final AtomicLongArray kthreadCpuNanos;
    /** Grants that ran each kthread; one writer, the scheduler thread (release stores). */
    private final AtomicLongArray kthreadGrants;

    ProcMetrics(ProcView proc, long attachedAtNanos) {
        this.proc = proc;
        this.coreTime = new CoreTime(attachedAtNanos);
        this.kthreadCpuNanos = new AtomicLongArray(proc.kthreadCount());
        this.kthreadGrants = new AtomicLongArray(proc.kthreadCount());
    }

    /** Scheduler thread: a grant ran kthread {@code kthreadId}. */
    void kthreadGranted(int kthreadId) {
        kthreadGrants.lazySet(kthreadId, kthreadGrants.get(kthreadId) + 1);
    }

    /** Any thread: the kthread's CPU time is now at least {@code cpuNanos}. */
    void kthreadCpuNanos(int kthreadId, long cpuNanos) {
        if (kthreadId < 0 || kthreadId >= kthreadCpuNanos.length()) {
            throw new IllegalArgumentException("proc '" + proc.spec().name() + "' has no kthread " + kthreadId
                    + " (kthreads are 0.." + (kthreadCpuNanos.length() - 1) + ")");
        }
        long seen = kthreadCpuNanos.get(kthreadId);
        while (cpuNanos > seen && !kthreadCpuNanos.weakCompareAndSetVolatile(kthreadId, seen, cpuNanos)) {
            seen = kthreadCpuNanos.get(kthreadId);
        }
    }

    /** Any thread: the latest CPU time of each kthread, by kthread id. */
    long[] kthreadCpuNanos() {
        return copy(kthreadCpuNanos);
    }

    private static long[] copy(AtomicLongArray values) {
        long[] copy = new long[values.length()];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = values.get(i);
        }
        return copy;
    }

    /** Any thread: this proc's numbers as of {@code nowNanos}. */
    MetricsSnapshot.Proc read(long nowNanos) {
        CoreTime.Reading cores = coreTime.read(nowNanos);
        List<Long> cpu = Arrays.stream(kthreadCpuNanos()).boxed().toList();
        List<Long> grants = Arrays.stream(copy(kthreadGrants)).boxed().toList();
        return new MetricsSnapshot.Proc(proc.id(), proc.spec().name(), cores.held(),
                KernelMetrics.seconds(cores.coreNanos()), tally.read(), grantLatency.read(), pickCost.read(), cpu,
                grants);
    }
}
