package org.danian.benchmarks;

import java.util.concurrent.TimeUnit;

import org.danian.framework.engine.Kernel;
import org.danian.kernel.SwapResult;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.openjdk.jmh.annotations.AuxCounters;
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
 * The pause a transactional hot swap imposes on scheduling (ARCHITECTURE §4): with
 * {@value #IDLE_KTHREADS} idle kthreads spread over {@code procs} procs, each operation swaps
 * the kernel's thread-pick policy from {@code caladan} to {@code target} or back. The
 * scheduler thread builds every proc's new picker by replaying its idle set in park order and
 * only then switches; nothing else runs on it meanwhile.
 *
 * <p>The primary score is the caller's time for one swap: the pause plus the hand-off to the
 * scheduler thread and back. The secondary scores {@code pauseNanos} and {@code swaps} are
 * totals over the measured iterations; their quotient is the mean pause alone, as the
 * scheduler thread measured it ({@link SwapResult#pauseNanos()}).
 *
 * <p><b>Run</b> (after {@code ./mvnw -B -pl benchmarks -am -DskipTests package}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar SwapBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SwapBenchmark {

    static final int IDLE_KTHREADS = 1000;
    private static final int CORES = 16;

    @Param({"danian", "danian-exact", "lottery"})
    String target;

    @Param({"1", "10"})
    int procs;

    private Kernel kernel;
    private boolean toTarget = true;

    @Setup(Level.Trial)
    public void startKernel() {
        kernel = new Kernel(CoreTopology.siblingPairs(CORES), System.getLogger(Kernel.LOGGER_NAME));
        kernel.addPolicy(Policies.byName("caladan"));
        kernel.addPolicy(Policies.byName(target));
        kernel.start("caladan", "simple");
        int perProc = IDLE_KTHREADS / procs;
        for (int p = 0; p < procs; p++) {
            ProcView proc = kernel.createProc(ProcSpec.latencyCritical("swap-" + p, perProc));
            spreadOverCores(proc, perProc);
        }
    }

    /** Gives every kthread a last core, so the replay rebuilds per-core state too. */
    private void spreadOverCores(ProcView proc, int kthreads) {
        for (int i = 0; i < kthreads; i++) {
            KThreadView kthread = kernel.grant(proc, i % CORES);
            kernel.park(kthread);
        }
    }

    @TearDown(Level.Trial)
    public void stopKernel() {
        kernel.stop();
    }

    /** Scheduler-thread pause and swap count, reported beside the primary score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Pause {
        public long swaps;
        public long pauseNanos;

        @Setup(Level.Iteration)
        public void reset() {
            swaps = 0;
            pauseNanos = 0;
        }
    }

    @Benchmark
    public SwapResult swap(Pause pause) {
        SwapResult result = kernel.swapThreadPickPolicy(toTarget ? target : "caladan");
        toTarget = !toTarget;
        if (result.outcome() != SwapResult.Outcome.SWAPPED) {
            throw new IllegalStateException("swap did not happen: " + result);
        }
        pause.swaps++;
        pause.pauseNanos += result.pauseNanos();
        return result;
    }
}
