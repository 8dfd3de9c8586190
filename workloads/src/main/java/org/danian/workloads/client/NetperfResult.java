package org.danian.workloads.client;

import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * One netperf run, in the columns of Caladan's 2021 client; latencies in µs.
 *
 * @param threads closed-loop client threads
 * @param rps requests per second over the run, discarded samples included (as Caladan counts)
 * @param n samples kept
 * @param requests requests sent
 * @param lost requests whose reply did not come within the timeout
 * @param latencies the kept samples' round trips, ns (what the percentiles are read from)
 */
public record NetperfResult(int threads, double rps, long n, double min, double mean, double p90,
        double p99, double p999, double p9999, double max, long requests, long lost, Histogram latencies) {

    static final List<String> CSV_HEADER = List.of("threads", "rps", "n", "min_us", "mean_us", "p90_us",
            "p99_us", "p999_us", "p9999_us", "max_us", "requests", "lost");

    /** Caladan's line: {@code t: … rps: … n: … min: … mean: … 90%: … 99%: … 99.9%: … 99.99%: … max: …}. */
    public String line() {
        return String.format(Locale.ROOT,
                "t: %d rps: %.2f n: %d min: %.2f mean: %.2f 90%%: %.2f 99%%: %.2f 99.9%%: %.2f 99.99%%: %.2f max: %.2f",
                threads, rps, n, min, mean, p90, p99, p999, p9999, max);
    }

    /** The CSV columns and the latency histogram as one JSON line ({@code --json}). */
    public String json() {
        return ClientJson.line(CSV_HEADER, csvRow(), latencies);
    }

    List<Object> csvRow() {
        return List.of(threads, String.format(Locale.ROOT, "%.2f", rps), n, two(min), two(mean), two(p90),
                two(p99), two(p999), two(p9999), two(max), requests, lost);
    }

    private static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
