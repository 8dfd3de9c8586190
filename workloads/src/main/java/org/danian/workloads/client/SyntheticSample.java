package org.danian.workloads.client;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one rate of a synthetic sweep: the measured run's numbers in Caladan's
 * output columns, and the whole run's totals (ramp-up and discarded requests included) for
 * accounting against the server.
 *
 * @param distribution the service-time distribution's name
 * @param requestedRate the rate asked for, requests/s
 * @param target requests sent per second over the measured span (Caladan's "Target")
 * @param actual replies per second over the same span ("Actual")
 * @param sent measured requests sent
 * @param received measured requests answered
 * @param dropped measured requests sent and never answered
 * @param neverSent measured requests skipped because they could not leave on time
 * @param p50 median latency, µs (infinite when lost requests reach that rank)
 * @param p90 90th percentile, µs
 * @param p99 99th percentile, µs
 * @param p999 99.9th percentile, µs
 * @param p9999 99.99th percentile, µs
 * @param startUnixSeconds when the run's first request was due, seconds since the epoch
 * @param totalSent requests sent in the whole run
 * @param totalReceived replies matched in the whole run
 * @param unexpected replies that matched no request, or repeated one
 * @param latencies the measured replies' latencies, ns (what the percentiles are read from; several
 *     clients' histograms add up to the percentiles of their combined load)
 */
public record SyntheticSample(String distribution, double requestedRate, long target, long actual,
        long sent, long received, long dropped, long neverSent, double p50, double p90, double p99,
        double p999, double p9999, long startUnixSeconds, long totalSent, long totalReceived,
        long unexpected, Histogram latencies) {

    /** Caladan's column header. */
    public static final String HEADER =
            "Distribution, Target, Actual, Dropped, Never Sent, Median, 90th, 99th, 99.9th, 99.99th, Start";

    static final List<String> CSV_HEADER = List.of("distribution", "requested_rps", "target_rps",
            "actual_rps", "sent", "received", "dropped", "never_sent", "p50_us", "p90_us", "p99_us",
            "p999_us", "p9999_us", "start_unix_s", "total_sent", "total_received", "unexpected");

    /**
     * The line Caladan's client prints for this rate; when at most one reply came back, its
     * short form {@code distribution, target, 0, dropped, never sent, start}.
     */
    public String line() {
        if (received <= 1) {
            return String.format(Locale.ROOT, "%s, %d, 0, %d, %d, %d", distribution, target, dropped,
                    neverSent, startUnixSeconds);
        }
        return String.format(Locale.ROOT, "%s, %d, %d, %d, %d, %s, %s, %s, %s, %s, %d", distribution,
                target, actual, dropped, neverSent, Percentiles.oneDecimal(p50), Percentiles.oneDecimal(p90),
                Percentiles.oneDecimal(p99), Percentiles.oneDecimal(p999), Percentiles.oneDecimal(p9999),
                startUnixSeconds);
    }

    /** The CSV columns and the latency histogram as one JSON line ({@code --json}). */
    public String json() {
        return ClientJson.line(CSV_HEADER, csvRow(), latencies);
    }

    List<Object> csvRow() {
        return List.of(distribution, String.format(Locale.ROOT, "%.0f", requestedRate), target, actual,
                sent, received, dropped, neverSent, Percentiles.oneDecimal(p50), Percentiles.oneDecimal(p90),
                Percentiles.oneDecimal(p99), Percentiles.oneDecimal(p999), Percentiles.oneDecimal(p9999),
                startUnixSeconds, totalSent, totalReceived, unexpected);
    }
}
