package org.danian.benchmarks;

import java.util.concurrent.TimeUnit;

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
 * The cost of the thread pick (the Danian paper's subject, §5 and Table 2 "busca"): average
 * nanoseconds per steady-state operation, one {@link ThreadPicker#pick} plus the
 * {@link ThreadPicker#parked} that returns the kthread to the idle set, on the scheduler
 * thread's data structures alone.
 *
 * <p><b>Set-up.</b> One proc with exactly {@code idle} kthreads, all idle between operations
 * (so a pick chooses among {@code idle}); 32 cores in sibling pairs; kthread i last ran on
 * core {@code i % min(idle, 16)}, so with 16 or more kthreads they are spread evenly over the
 * 16 "hit" cores 0..15 (see {@link IdleSets}).
 * <ul>
 * <li>{@code hit}: picks ask for the occupied hit cores in turn; the kthread parks back from
 *     the requested core, as the kernel would record it. A locality policy finds a kthread
 *     that last ran there.
 * <li>{@code miss}: picks ask for cores 16..31 in turn, on which no idle kthread, nor any on
 *     the sibling, last ran: the paper's worst case, where {@code caladan} scans the whole
 *     list twice and takes the tail. The kthread then parks back from the hit core it had
 *     before (as if it migrated back), so the scenario stays stationary.
 * </ul>
 * The lottery draws from a fixed seed ({@link Policies#LOTTERY_SEED}).
 *
 * <p><b>Run</b> (after {@code ./mvnw -B -pl benchmarks -am -DskipTests package}), on a quiet
 * machine, pinned (see {@code benchmarks/README.md}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar PickBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s
 * </pre>
 * Add {@code -p policy=caladan,lottery -p idle=4,1024 -p scenario=miss} to narrow the grid,
 * put a policy bundle on the class path to measure it by name too ({@code java -cp
 * benchmarks/target/benchmarks.jar:policy-mru.jar org.openjdk.jmh.Main PickBenchmark -p
 * policy=caladan,mru}; see {@code Policies}),
 * {@code -p policy=stride} for the stride policy, {@code -prof gc} to check that nothing
 * allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class PickBenchmark {

    @Param({"caladan", "danian", "danian-exact", "lottery"})
    String policy;

    @Param({"1", "4", "16", "64", "256", "1024"})
    int idle;

    @Param({"hit", "miss"})
    String scenario;

    private TestProc proc;
    private ThreadPicker picker;
    /** The cores picks ask for, in turn. */
    private int[] requestedCores;
    private int nextRequest;
    /** hit: park from the requested core; miss: park from the kthread's previous core. */
    private boolean parkFromRequestedCore;

    @Setup
    public void setUp() {
        proc = IdleSets.proc(idle);
        picker = IdleSets.filledPicker(Policies.byName(policy), proc);
        switch (scenario) {
            case "hit":
                requestedCores = cores(0, IdleSets.hitCoresFor(idle));
                parkFromRequestedCore = true;
                break;
            case "miss":
                int missCores = IdleSets.TOPOLOGY.coreCount() - IdleSets.FIRST_MISS_CORE;
                requestedCores = cores(IdleSets.FIRST_MISS_CORE, missCores);
                parkFromRequestedCore = false;
                break;
            default:
                throw new IllegalArgumentException("unknown scenario: '" + scenario + "'");
        }
    }

    private static int[] cores(int first, int count) {
        int[] cores = new int[count];
        for (int i = 0; i < count; i++) {
            cores[i] = first + i;
        }
        return cores;
    }

    @Benchmark
    public int pickThenParkBack() {
        int core = requestedCores[nextRequest];
        nextRequest = nextRequest + 1 == requestedCores.length ? 0 : nextRequest + 1;
        TestKThread kthread = proc.kthread(picker.pick(core).id());
        int parkCore = parkFromRequestedCore ? core : kthread.lastCore();
        kthread.lastCore(parkCore);
        picker.parked(kthread, parkCore);
        return kthread.id();
    }

    @TearDown
    public void checkNothingLost() {
        IdleSets.checkIdleCount(picker, idle, policy);
    }
}
