package org.danian.framework.engine;

import java.util.Arrays;
import java.util.Locale;

import org.danian.framework.affinity.NativeThreads;
import org.danian.framework.affinity.NativeThreadsLoader;

/**
 * The error of the kernel's per-sample pick CPU time ({@link PickClock}): how much the CPU
 * time of an empty bracket (what the kernel subtracts from each sample) varies from one bracket
 * to the next, and how much the calibrated median varies from one calibration to the next (one
 * per kernel start). Prints one JSON line: the median, the 10th and 90th percentiles of
 * {@code rounds} brackets, and the lowest and highest of {@code calibrations} medians.
 *
 * <p><b>Run</b> (after {@code ./mvnw -B -pl benchmarks -am -DskipTests package}):
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.danian.framework.engine.PickClockSpread
 * </pre>
 */
public final class PickClockSpread {

    private static final int ROUNDS = 100_000;
    private static final int CALIBRATIONS = 50;

    private PickClockSpread() {
    }

    public static void main(String[] args) {
        NativeThreads threads = NativeThreadsLoader.system();
        PickClock clock = new PickClock(threads);
        for (int i = 0; i < 5; i++) {
            PickClock.calibrate(threads); // warm the JIT as the kernel's own start does not
        }
        long[] brackets = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long before = clock.cpuNanos();
            long wallStart = System.nanoTime();
            long wall = System.nanoTime() - wallStart;
            brackets[i] = clock.cpuNanos() - before + Math.min(wall, 0);
        }
        Arrays.sort(brackets);
        long[] medians = new long[CALIBRATIONS];
        for (int i = 0; i < CALIBRATIONS; i++) {
            medians[i] = PickClock.calibrate(threads);
        }
        Arrays.sort(medians);
        System.out.println(String.format(Locale.ROOT, "{\"clock\":\"%s\",\"brackets\":%d,\"p10\":%d,\"p50\":%d,"
                + "\"p90\":%d,\"p99\":%d,\"calibrations\":%d,\"medianMin\":%d,\"medianMax\":%d}",
                threads.description().replace("\"", "'"), ROUNDS, brackets[ROUNDS / 10], brackets[ROUNDS / 2],
                brackets[ROUNDS * 9 / 10], brackets[ROUNDS * 99 / 100], CALIBRATIONS, medians[0],
                medians[CALIBRATIONS - 1]));
    }
}
