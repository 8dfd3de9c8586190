package org.danian.workloads.synthetic;

/**
 * How many stridedmem iterations this machine does per microsecond, so that a client can ask
 * for a mean service time in microseconds (Caladan's {@code callibrate}: double the iteration
 * count until the work takes long enough, then measure).
 *
 * <p>Timing is taken as the fastest of several rounds, after a warm-up that lets the JIT
 * compile the loop; slower rounds are interference from other threads, not the work's cost.
 *
 * @param iterationsPerMicrosecond iterations that take one microsecond
 * @param nanosPerIteration the inverse, in nanoseconds
 * @param iterations the iteration count of each timed round
 */
public record Calibration(double iterationsPerMicrosecond, double nanosPerIteration, long iterations) {

    private static final long TARGET_NANOS = 5_000_000;
    private static final int ROUNDS = 7;

    /** Measures {@code work} on the calling thread; takes about a tenth of a second. */
    public static Calibration measure(StridedMemWork work) {
        long sink = 0;
        for (int i = 0; i < 20; i++) {
            sink += work.work(100_000, i); // warm-up: JIT compilation of the loop
        }
        long iterations = 1024;
        while (true) {
            long start = System.nanoTime();
            sink += work.work(iterations, 0);
            if (System.nanoTime() - start >= TARGET_NANOS) {
                break;
            }
            iterations *= 2;
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            sink += work.work(iterations, round);
            best = Math.min(best, System.nanoTime() - start);
        }
        consume(sink);
        double nanosPerIteration = (double) best / iterations;
        return new Calibration(1000.0 / nanosPerIteration, nanosPerIteration, iterations);
    }

    private static volatile long consumed;

    private static void consume(long value) {
        consumed = value;
    }

    @Override
    public String toString() {
        return String.format("stridedmem: %.1f iterations/us (%.3f ns/iteration)",
                iterationsPerMicrosecond, nanosPerIteration);
    }
}
