package org.danian.framework.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

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

    ProcMetrics(ProcView proc, long attachedAtNanos) {
        this.proc = proc;
        this.coreTime = new CoreTime(attachedAtNanos);
        this.kthreadCpuNanos = new AtomicLongArray(proc.kthreadCount());
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
        long[] cpu = new long[kthreadCpuNanos.length()];
        for (int i = 0; i < cpu.length; i++) {
            cpu[i] = kthreadCpuNanos.get(i);
        }
        return cpu;
    }

    /** Any thread: this proc's numbers as of {@code nowNanos}. */
    MetricsSnapshot.Proc read(long nowNanos) {
        CoreTime.Reading cores = coreTime.read(nowNanos);
        List<Long> cpu = Arrays.stream(kthreadCpuNanos()).boxed().toList();
        return new MetricsSnapshot.Proc(proc.id(), proc.spec().name(), cores.held(),
                KernelMetrics.seconds(cores.coreNanos()), tally.read(), grantLatency.read(), pickCost.read(), cpu);
    }
}
