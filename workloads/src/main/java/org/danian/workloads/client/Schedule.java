package org.danian.workloads.client;

import java.util.SplittableRandom;

/**
 * One connection's requests for one rate sample, fixed before the run as in Caladan's client:
 * a ramp-up in 100 ms steps of rising rate (not reported), then the measured run at the
 * target rate. Arrivals are Poisson per connection: exponential gaps of mean
 * {@code connections · 10⁹ / rate} ns.
 */
final class Schedule {

    /** The first request is due this long after the run's start (time to start the threads). */
    static final long FIRST_OFFSET_NANOS = 5_000_000;
    private static final long STEP_NANOS = 100_000_000;

    final LongList targetNanos = new LongList();
    final LongList workIterations = new LongList();
    final LongList randomness = new LongList();
    /** Index of the first request of the measured run. */
    int measuredFrom;

    int size() {
        return targetNanos.size();
    }

    static Schedule build(SplittableRandom random, double rate, int connections, double rampupSeconds,
            double runtimeSeconds, ServiceDistribution distribution, double mean) {
        Schedule schedule = new Schedule();
        long time = FIRST_OFFSET_NANOS;
        int steps = (int) Math.round(10 * rampupSeconds);
        for (int step = 1; step < steps; step++) {
            double stepRate = step * rate / steps;
            time = schedule.fill(random, time, time + STEP_NANOS, stepRate, connections, distribution, mean);
        }
        schedule.measuredFrom = schedule.size();
        schedule.fill(random, time, time + (long) (runtimeSeconds * 1e9), rate, connections, distribution, mean);
        return schedule;
    }

    private long fill(SplittableRandom random, long from, long until, double rate, int connections,
            ServiceDistribution distribution, double mean) {
        double meanGapNanos = connections * 1e9 / rate;
        long time = from;
        while (true) {
            time += (long) ServiceDistribution.exponential(random, meanGapNanos);
            if (time >= until) {
                return until;
            }
            targetNanos.add(time);
            workIterations.add(distribution.sample(random, mean));
            randomness.add(random.nextLong());
        }
    }
}
