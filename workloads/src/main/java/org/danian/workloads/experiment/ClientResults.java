package org.danian.workloads.experiment;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;
import org.danian.workloads.baseline.Workload;
import org.danian.workloads.client.ClientJson;
import org.danian.workloads.client.Percentiles;

/**
 * Merges the results of the client processes that shared one point's load into the row one
 * client would have written for the whole load. Counts and rates add up (each client measured
 * its share over the same span, give or take its start-up); latency percentiles are read from
 * the sum of the clients' histograms with the clients' own rank rule ({@link Percentiles}):
 * an average of percentiles is not a percentile. The synthetic client counts a lost request as
 * infinitely slow, so its percentiles rank among all requests sent; netperf's among the samples
 * kept. A single result comes back with the same columns and values it had.
 */
final class ClientResults {

    private static final Set<String> SYNTHETIC_SUMS = Set.of("requested_rps", "target_rps", "actual_rps", "sent",
            "received", "dropped", "never_sent", "total_sent", "total_received", "unexpected");
    private static final Map<String, Double> SYNTHETIC_PERCENTILES = Map.of("p50_us", 50.0, "p90_us", 90.0,
            "p99_us", 99.0, "p999_us", 99.9, "p9999_us", 99.99);
    private static final Set<String> NETPERF_SUMS = Set.of("threads", "n", "requests", "lost");
    private static final Map<String, Double> NETPERF_PERCENTILES = Map.of("p90_us", 90.0, "p99_us", 99.0,
            "p999_us", 99.9, "p9999_us", 99.99);

    private ClientResults() {
    }

    /**
     * The merged row, in the clients' column order.
     *
     * @throws IOException if a result lacks a column or its histogram, or the results disagree
     *     on their columns (the message names it)
     */
    static Map<String, String> merge(Workload workload, List<JsonObject> results) throws IOException {
        if (results.isEmpty()) {
            throw new IOException("no client result to merge");
        }
        Histogram latencies = new Histogram(3);
        for (JsonObject result : results) {
            if (!result.keySet().equals(results.get(0).keySet())) {
                throw new IOException("client results differ in their columns: " + results.get(0).keySet() + " / "
                        + result.keySet());
            }
            try {
                latencies.add(ClientJson.decode(text(result, ClientJson.LATENCY_HISTOGRAM)));
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        Map<String, String> row = new LinkedHashMap<>();
        boolean synthetic = workload == Workload.SYNTHETIC;
        long rankCount = (long) sum(results, synthetic ? "sent" : "n");
        for (String column : results.get(0).keySet()) {
            if (column.equals(ClientJson.LATENCY_HISTOGRAM)) {
                continue;
            }
            row.put(column, synthetic ? synthetic(column, results, latencies, rankCount)
                    : netperf(column, results, latencies, rankCount));
        }
        return row;
    }

    private static String synthetic(String column, List<JsonObject> results, Histogram latencies, long sent)
            throws IOException {
        if (SYNTHETIC_SUMS.contains(column)) {
            return whole(sum(results, column));
        }
        if (SYNTHETIC_PERCENTILES.containsKey(column)) {
            return Percentiles.oneDecimal(Percentiles.micros(latencies, sent, SYNTHETIC_PERCENTILES.get(column)));
        }
        if (column.equals("start_unix_s")) {
            return whole(fold(results, column, Math::min));
        }
        return same(results, column);
    }

    private static String netperf(String column, List<JsonObject> results, Histogram latencies, long n)
            throws IOException {
        if (NETPERF_SUMS.contains(column)) {
            return whole(sum(results, column));
        }
        if (NETPERF_PERCENTILES.containsKey(column)) {
            return two(Percentiles.micros(latencies, n, NETPERF_PERCENTILES.get(column)));
        }
        return switch (column) {
            case "rps" -> two(sum(results, column));
            case "min_us" -> two(fold(results, column, Math::min));
            case "max_us" -> two(fold(results, column, Math::max));
            case "mean_us" -> two(weightedMean(results, n));
            default -> same(results, column);
        };
    }

    private static double sum(List<JsonObject> results, String column) throws IOException {
        double total = 0;
        for (JsonObject result : results) {
            total += number(result, column);
        }
        return total;
    }

    /** The mean of all samples: each client's mean weighted by its sample count. */
    private static double weightedMean(List<JsonObject> results, long n) throws IOException {
        double total = 0;
        for (JsonObject result : results) {
            total += number(result, "mean_us") * number(result, "n");
        }
        return n == 0 ? Double.NaN : total / n;
    }

    private interface Fold {
        double apply(double a, double b);
    }

    private static double fold(List<JsonObject> results, String column, Fold fold) throws IOException {
        double value = number(results.get(0), column);
        for (JsonObject result : results.subList(1, results.size())) {
            value = fold.apply(value, number(result, column));
        }
        return value;
    }

    /** A column every result must agree on (e.g. the distribution's name). */
    private static String same(List<JsonObject> results, String column) throws IOException {
        String value = text(results.get(0), column);
        for (JsonObject result : results) {
            if (!text(result, column).equals(value)) {
                throw new IOException("client results disagree on " + column + ": '" + value + "' and '"
                        + text(result, column) + "'");
            }
        }
        return value;
    }

    private static double number(JsonObject result, String column) throws IOException {
        String text = text(result, column);
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IOException("client result with a non-numeric " + column + ": '" + text + "'", e);
        }
    }

    private static String text(JsonObject result, String column) throws IOException {
        String text = textOrNull(result, column);
        if (text == null) {
            throw new IOException("client result without column " + column + ": " + result);
        }
        return text;
    }

    private static String textOrNull(JsonObject result, String column) {
        JsonElement element = result.get(column);
        return element == null || !element.isJsonPrimitive() ? null : element.getAsString();
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String two(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
