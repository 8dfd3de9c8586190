package org.danian.benchmarks;

import java.util.concurrent.TimeUnit;

import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc;
import org.danian.spi.pick.contract.TestProc.TestKThread;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * The other operations of the Danian paper's Table 2, per policy, in average nanoseconds:
 * <ul>
 * <li>{@link #init}: "inicialização" — create a proc's picker and park {@code idle} kthreads
 *     into it (what a new proc, or a hot swap's replay, costs), allocation included.
 * <li>{@link #removeThenParkBack}: "remoção" — a kthread leaves the idle set without being
 *     picked (detach, exit), then parks back from the same core ("inserção"), cycling over
 *     all kthreads so the set stays the same.
 * </ul>
 * "Busca" (search) and "atualização" (update of the memo) are the pick and its park,
 * measured by {@link PickBenchmark}. The set-up is {@link IdleSets}'.
 *
 * <p><b>Run</b> (after {@code ./mvnw -B -pl benchmarks -am -DskipTests package}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PickerOpsBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PickerOpsBenchmark {

    @Param({"caladan", "danian", "danian-exact", "lottery"})
    String policy;

    @Param({"4", "64", "1024"})
    int idle;

    private ThreadPickPolicy pickPolicy;
    private TestProc proc;
    private ThreadPicker picker;
    private int nextRemoved;

    @Setup
    public void setUp() {
        pickPolicy = Policies.byName(policy);
        proc = IdleSets.proc(idle);
        picker = IdleSets.filledPicker(pickPolicy, proc);
    }

    @Benchmark
    public ThreadPicker init() {
        ThreadPicker fresh = pickPolicy.newPicker(proc, IdleSets.TOPOLOGY);
        IdleSets.fill(fresh, proc);
        return fresh;
    }

    @Benchmark
    public int removeThenParkBack() {
        TestKThread kthread = proc.kthread(nextRemoved);
        nextRemoved = nextRemoved + 1 == idle ? 0 : nextRemoved + 1;
        picker.removed(kthread);
        picker.parked(kthread, kthread.lastCore());
        return kthread.id();
    }

    @TearDown
    public void checkNothingLost() {
        IdleSets.checkIdleCount(picker, idle, policy);
    }
}
