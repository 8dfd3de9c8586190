package org.danian.workloads.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;

/**
 * Runs one rate of the synthetic sweep: builds every connection's schedule, sends and
 * receives, waits a grace period for late replies, and reduces the measured run to a
 * {@link SyntheticSample}. The first 10% of each connection's measured requests are discarded
 * (warm-up inside the run, as Caladan's client does).
 *
 * @param server the server's address
 * @param connections open-loop connections, each its own socket and two threads
 * @param rampupSeconds ramp-up before the measured run (0 for none)
 * @param runtimeSeconds the measured run
 * @param distribution service-time distribution
 * @param mean mean work iterations
 * @param graceMillis how long to wait for replies after the last send
 * @param seed seeds every schedule (one stream per connection and rate)
 */
public record SyntheticLoad(InetSocketAddress server, int connections, double rampupSeconds,
        double runtimeSeconds, ServiceDistribution distribution, double mean, long graceMillis, long seed) {

    static final int DISCARD_PERCENT = 10;

    /** Runs the load at {@code rate} requests/s and returns its sample. */
    public SyntheticSample run(double rate) throws IOException, InterruptedException {
        SplittableRandom seeds = new SplittableRandom(seed ^ Double.doubleToLongBits(rate));
        List<SyntheticConnection> all = new ArrayList<>();
        try {
            for (int c = 0; c < connections; c++) {
                Schedule schedule = Schedule.build(seeds.split(), rate, connections, rampupSeconds,
                        runtimeSeconds, distribution, mean);
                all.add(new SyntheticConnection(server, schedule));
            }
            long startWallMillis = System.currentTimeMillis();
            long startNanos = System.nanoTime();
            for (int c = 0; c < all.size(); c++) {
                all.get(c).start(startNanos, c);
            }
            for (SyntheticConnection connection : all) {
                connection.awaitSent();
            }
            Thread.sleep(graceMillis);
            for (SyntheticConnection connection : all) {
                connection.finish();
            }
            return reduce(all, rate, startWallMillis);
        } finally {
            for (SyntheticConnection connection : all) {
                connection.finish();
            }
        }
    }

    private SyntheticSample reduce(List<SyntheticConnection> all, double rate, long startWallMillis) {
        Histogram latencies = Percentiles.newHistogram();
        long packets = 0;
        long neverSent = 0;
        long firstSend = Long.MAX_VALUE;
        long lastSend = Long.MIN_VALUE;
        long firstTarget = Long.MAX_VALUE;
        long totalSent = 0;
        long totalReceived = 0;
        long unexpected = 0;
        for (SyntheticConnection connection : all) {
            Schedule schedule = connection.schedule();
            int measured = schedule.size() - schedule.measuredFrom;
            int from = schedule.measuredFrom + measured * DISCARD_PERCENT / 100;
            for (int i = 0; i < schedule.size(); i++) {
                long sent = connection.sentAt[i];
                long replied = connection.repliedAt[i];
                totalSent += sent == SyntheticConnection.NOT_SENT ? 0 : 1;
                totalReceived += replied != 0 && sent != SyntheticConnection.NOT_SENT ? 1 : 0;
                if (i < from) {
                    continue;
                }
                packets++;
                firstTarget = Math.min(firstTarget, schedule.targetNanos.get(i));
                if (sent == SyntheticConnection.NOT_SENT) {
                    neverSent++;
                    continue;
                }
                firstSend = Math.min(firstSend, sent);
                lastSend = Math.max(lastSend, sent);
                if (replied != 0) {
                    latencies.recordValue(Math.max(1, replied - sent));
                }
            }
            unexpected += connection.unexpected;
        }
        long sent = packets - neverSent;
        long received = latencies.getTotalCount();
        long span = Math.max(1, lastSend - firstSend);
        long start = (startWallMillis + (firstTarget == Long.MAX_VALUE ? 0 : firstTarget / 1_000_000)) / 1000;
        return new SyntheticSample(distribution.label(), rate, (long) (sent * 1e9 / span),
                (long) (received * 1e9 / span), sent, received, sent - received, neverSent,
                Percentiles.micros(latencies, sent, 50), Percentiles.micros(latencies, sent, 90),
                Percentiles.micros(latencies, sent, 99), Percentiles.micros(latencies, sent, 99.9),
                Percentiles.micros(latencies, sent, 99.99), start, totalSent, totalReceived, unexpected,
                latencies);
    }
}
