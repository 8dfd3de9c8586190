package org.danian.benchmarks;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.danian.framework.affinity.SysfsTopology;
import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.Kernel;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.LiveProc;
import org.danian.kernel.MetricsSnapshot;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Grant latency of the live engine with each idle strategy (p50 and p99):
 * how long a task submitted to a proc that holds no core waits until it runs. Each operation
 * submits one task to an idle proc and spins until the task has run; the proc's kthread then
 * spins its 2 µs, parks and gives the core back before the next operation (the benchmark
 * waits {@value #PARK_WAIT_MICROS} µs between operations, outside the measurement), so every
 * operation is a fresh core-needed → grant → wake → run.
 *
 * <p>Set-up: the scheduler thread on core 0, one worker core 1 (this project's 2-core
 * machines), pinned, {@code simple} allocation, {@code danian-exact} pick, one latency-critical
 * proc with one kthread. {@code idle} selects the scheduler's idle strategy: {@code spin}
 * (Caladan's busy poll) or {@code backoff} (yield, then parks of up to 100 µs).
 *
 * <p>The primary score is the submitting thread's view (SampleTime: p50, p99 in the JMH
 * output). At the end of the trial the kernel's own grant-latency histogram (congestion or
 * core-needed detected → kthread running on the core) is printed as well.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar GrantLatencyBenchmark -f 1 -wi 2 -i 3}.
 * On a 2-core machine the benchmark thread shares the worker core with the kthread, and with
 * {@code spin} the scheduler takes core 0 entirely: read the two strategies as a comparison
 * within one run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class GrantLatencyBenchmark {

    private static final long PARK_WAIT_MICROS = 50;

    @Param({"spin", "backoff"})
    String idle;

    private Kernel kernel;
    private LiveProc proc;
    private final AtomicLong ran = new AtomicLong();
    private final Runnable task = ran::incrementAndGet;

    @Setup(Level.Trial)
    public void start() {
        CoreTopology topology = SysfsTopology.ofThisMachine();
        int worker = topology.coreCount() > 1 ? 1 : 0;
        KernelSettings settings = KernelSettings.withCores(topology, 0, List.of(worker)).withIdleStrategy(idle);
        kernel = new Kernel(topology, System.getLogger(Kernel.LOGGER_NAME), settings);
        kernel.addPolicy(new SimpleAllocationPolicy());
        kernel.addPolicy(Policies.byName("danian-exact"));
        kernel.start("danian-exact", SimpleAllocationPolicy.NAME);
        proc = kernel.startProc(ProcSpec.latencyCritical("grant-latency", 1));
    }

    @TearDown(Level.Trial)
    public void stop() {
        MetricsSnapshot.Latency latency = kernel.metrics().global().grantLatency();
        System.out.printf("%nkernel grant latency (%s): n=%d p50=%.1f us p90=%.1f us p99=%.1f us%n", idle,
                latency.count(), latency.p50Nanos() / 1e3, latency.p90Nanos() / 1e3, latency.p99Nanos() / 1e3);
        proc.close();
        kernel.stop();
    }

    /** Lets the kthread spin out and park, so the next operation starts from an idle proc. */
    @Setup(Level.Invocation)
    public void letItPark() {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(PARK_WAIT_MICROS));
    }

    @Benchmark
    public long submitUntilRun() {
        long target = ran.get() + 1;
        proc.submit(task);
        while (ran.get() < target) {
            Thread.onSpinWait();
        }
        return target;
    }
}
