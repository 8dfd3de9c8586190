package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.LiveProc;
import org.danian.policy.danian.DanianExactPickPolicy;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one scheduler-loop iteration (fast pass, core-needed, the slow pass when its 10 µs
 * are due, the allocator's poll) against the number of live procs, all idle: the work the
 * scheduler core does on every turn just to watch its procs (Caladan's {@code sched_poll}).
 *
 * <p>It lives in the kernel's package, outside the shipped bundle, to reach the engine: each
 * invocation runs {@value #ITERATIONS} iterations on the scheduler thread itself (between two
 * of its own iterations, like any kernel operation), so the single-writer rule holds.
 *
 * <p>{@code iterate} runs on the real clock, so the slow pass comes once per 10 µs;
 * {@code iterateWithSlowPass} makes it due on every iteration.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LoopIterationBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LoopIterationBenchmark {

    static final int ITERATIONS = 10_000;

    @Param({"1", "4", "16", "64"})
    int procs;

    private Kernel kernel;
    /** The clock handed to the engine by {@link #iterateWithSlowPass}; read on the scheduler thread. */
    private volatile long virtualNow;
    private final List<LiveProc> live = new ArrayList<>();

    @Setup(Level.Trial)
    public void start() {
        CoreTopology topology = CoreTopology.siblingPairs(16);
        // Unpinned: the 15 workers are a model of a bigger machine; none of them runs here.
        KernelSettings settings = KernelSettings.withCores(topology, 0, null).withPinning(false);
        kernel = new Kernel(topology, System.getLogger(Kernel.LOGGER_NAME), settings);
        kernel.addPolicy(new SimpleAllocationPolicy());
        kernel.addPolicy(new DanianExactPickPolicy());
        kernel.start(DanianExactPickPolicy.NAME, SimpleAllocationPolicy.NAME);
        for (int i = 0; i < procs; i++) {
            live.add(kernel.startProc(ProcSpec.latencyCritical("loop-" + i, 2)));
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        for (LiveProc proc : live) {
            proc.close();
        }
        kernel.stop();
    }

    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public boolean iterate() {
        return kernel.onScheduler(scheduler -> {
            Engine engine = scheduler.engine();
            boolean worked = false;
            for (int i = 0; i < ITERATIONS; i++) {
                worked |= engine.iterate(System.nanoTime());
            }
            return worked;
        });
    }

    /**
     * The same iterations with the slow pass due on every one: the clock handed to the engine
     * advances one poll interval per iteration, so each measures every proc's delay and tells
     * the allocator, the turn that happens once per 10 µs in real time.
     */
    @Benchmark
    @OperationsPerInvocation(ITERATIONS)
    public boolean iterateWithSlowPass() {
        return kernel.onScheduler(scheduler -> {
            Engine engine = scheduler.engine();
            // The engine's clock must never go back: between invocations the scheduler loop
            // runs on the real clock, and here the clock runs ahead of it.
            long now = Math.max(virtualNow, System.nanoTime());
            boolean worked = false;
            for (int i = 0; i < ITERATIONS; i++) {
                now += KernelSettings.DEFAULT_POLL_INTERVAL_NANOS;
                worked |= engine.iterate(now);
            }
            virtualNow = now;
            return worked;
        });
    }
}
