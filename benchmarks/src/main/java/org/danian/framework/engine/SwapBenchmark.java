package org.danian.framework.engine;

import java.util.concurrent.TimeUnit;

import org.danian.benchmarks.Policies;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.CoreTopology;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pause a transactional hot swap imposes on scheduling (docs/architecture.md, "One hot
 * swap"): with {@value #IDLE_KTHREADS} idle kthreads of live procs spread over {@code procs}
 * procs, each operation swaps the thread-pick slot from {@code caladan} to {@code target} or
 * back. The swap builds every proc's new picker by replaying its idle set in park order and
 * only then switches; on a running kernel nothing else runs on the scheduler thread meanwhile.
 *
 * <p>It runs on the deterministic engine harness (the framework's test-jar): the very
 * {@code Scheduler} and policy slot of a live kernel, with the kthreads played rather than
 * started, so that every one of the 1000 kthreads can be given a last core on a 16-core model
 * machine (a swap rebuilds the policies' per-core state too). The score is the scheduler
 * thread's pause itself; a kernel caller additionally waits for the hand-off to and from the
 * scheduler thread, a few microseconds.
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

    private EngineHarness machine;
    private boolean toTarget = true;

    @Setup(Level.Trial)
    public void startKernel() {
        int[] workers = new int[CORES - 1];
        for (int core = 1; core < CORES; core++) {
            workers[core - 1] = core;
        }
        // The harness's LRU test policy picks the least recently parked kthread, so the grants
        // below cycle through every kthread and each gets a last core.
        machine = new EngineHarness(CoreTopology.siblingPairs(CORES), EngineHarness.DIRECTED, workers);
        machine.addPolicy(Policies.byName("caladan"));
        machine.addPolicy(Policies.byName(target));
        int perProc = IDLE_KTHREADS / procs;
        for (int p = 0; p < procs; p++) {
            ProcEntry proc = machine.proc("swap-" + p, perProc);
            for (int i = 0; i < perProc; i++) {
                machine.park(machine.grant(proc, 1 + i % workers.length));
            }
        }
        machine.swap(PolicyKind.THREAD_PICK, "caladan");
    }

    @Benchmark
    public long swap() {
        SwapResult result = machine.swap(PolicyKind.THREAD_PICK, toTarget ? target : "caladan");
        toTarget = !toTarget;
        if (result.outcome() != SwapResult.Outcome.SWAPPED) {
            throw new IllegalStateException("swap did not happen: " + result);
        }
        return result.pauseNanos();
    }
}
