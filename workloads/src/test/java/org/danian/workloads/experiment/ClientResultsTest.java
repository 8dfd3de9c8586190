package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.danian.workloads.baseline.Workload;
import org.danian.workloads.client.ClientJson;
import org.danian.workloads.client.NetperfResult;
import org.danian.workloads.client.Percentiles;
import org.danian.workloads.client.SyntheticSample;
import org.junit.jupiter.api.Test;

/**
 * Merging the results of clients that shared a point's load: counts add up, percentiles come
 * from the added histograms (not from the clients' percentiles), and one client's result
 * comes back unchanged. Also how a point's load is split between client nodes.
 */
class ClientResultsTest {

    @Test
    void syntheticPercentilesComeFromTheAddedHistogramsNotFromAverages() throws IOException {
        Histogram fast = histogram(100, 199); // 100 replies, 100..199 µs
        Histogram slow = histogram(1000, 1000, 100); // 100 replies at 1 ms
        JsonObject a = json(synthetic(500, 100, 100, fast));
        JsonObject b = json(synthetic(500, 100, 100, slow));

        Map<String, String> merged = ClientResults.merge(Workload.SYNTHETIC, List.of(a, b));

        Histogram all = fast.copy();
        all.add(slow);
        assertEquals(Percentiles.oneDecimal(Percentiles.micros(all, 200, 50)), merged.get("p50_us"));
        assertEquals(Percentiles.oneDecimal(Percentiles.micros(all, 200, 99)), merged.get("p99_us"));
        double averageOfMedians = (Double.parseDouble(a.get("p50_us").getAsString())
                + Double.parseDouble(b.get("p50_us").getAsString())) / 2;
        assertNotEquals(String.format(Locale.ROOT, "%.1f", averageOfMedians), merged.get("p50_us"));
        assertTrue(Double.parseDouble(merged.get("p50_us")) >= 999, "the 101st of 200 replies is a slow one: "
                + merged);
        assertEquals("200", merged.get("sent"));
        assertEquals("200", merged.get("received"));
        assertEquals("1000", merged.get("requested_rps"));
        assertEquals("exponential", merged.get("distribution"));
    }

    @Test
    void aRequestLostByOneClientCountsAsInfinitelySlowInTheWhole() throws IOException {
        JsonObject a = json(synthetic(500, 100, 100, histogram(100, 199)));
        JsonObject b = json(synthetic(500, 120, 100, histogram(100, 199))); // 20 lost

        Map<String, String> merged = ClientResults.merge(Workload.SYNTHETIC, List.of(a, b));

        assertEquals("220", merged.get("sent"));
        assertEquals("20", merged.get("dropped"));
        assertEquals(Long.toString(START + 120 % 7), merged.get("start_unix_s"), "the earlier of "
                + (START + 100 % 7) + " and " + (START + 120 % 7));
        assertEquals("inf", merged.get("p99_us"), "rank 217 of 220 sent is past the 200 replies: " + merged);
        assertNotEquals("inf", merged.get("p50_us"));
    }

    @Test
    void oneResultComesBackAsTheClientWroteIt() throws IOException {
        JsonObject only = json(synthetic(2000, 300, 297, histogram(40, 400)));
        Map<String, String> expected = new LinkedHashMap<>();
        only.keySet().stream().filter(key -> !key.equals(ClientJson.LATENCY_HISTOGRAM))
                .forEach(key -> expected.put(key, only.get(key).getAsString()));

        assertEquals(expected, ClientResults.merge(Workload.SYNTHETIC, List.of(only)));

        JsonObject netperf = json(netperf(2, 5000, histogram(20, 80)));
        Map<String, String> netperfExpected = new LinkedHashMap<>();
        netperf.keySet().stream().filter(key -> !key.equals(ClientJson.LATENCY_HISTOGRAM))
                .forEach(key -> netperfExpected.put(key, netperf.get(key).getAsString()));
        assertEquals(netperfExpected, ClientResults.merge(Workload.NETPERF, List.of(netperf)));
    }

    @Test
    void netperfThreadsRatesAndCountsAddUpAndTheMeanIsWeighted() throws IOException {
        Histogram small = histogram(10, 10, 100); // 100 samples of 10 µs
        Histogram large = histogram(40, 40, 300); // 300 samples of 40 µs
        Map<String, String> merged = ClientResults.merge(Workload.NETPERF,
                List.of(json(netperf(1, 1000, small)), json(netperf(2, 3000, large))));

        assertEquals("3", merged.get("threads"));
        assertEquals("4000.00", merged.get("rps"));
        assertEquals("400", merged.get("n"));
        double mean = Double.parseDouble(merged.get("mean_us"));
        assertEquals(32.5, mean, 0.1, "(100·10 + 300·40) / 400, not (10 + 40) / 2: " + merged);
        assertEquals(10.0, Double.parseDouble(merged.get("min_us")), 0.01);
        assertEquals(40.0, Double.parseDouble(merged.get("max_us")), 0.05);
    }

    @Test
    void resultsThatDisagreeOrLackTheirHistogramAreRefused() {
        JsonObject exponential = json(synthetic(500, 100, 100, histogram(100, 199)));
        JsonObject other = exponential.deepCopy();
        other.addProperty("distribution", "constant");
        IOException disagree = assertThrows(IOException.class,
                () -> ClientResults.merge(Workload.SYNTHETIC, List.of(exponential, other)));
        assertTrue(disagree.getMessage().contains("distribution"), disagree.getMessage());

        JsonObject broken = exponential.deepCopy();
        broken.addProperty(ClientJson.LATENCY_HISTOGRAM, "not-base64!");
        IOException undecodable = assertThrows(IOException.class,
                () -> ClientResults.merge(Workload.SYNTHETIC, List.of(broken)));
        assertTrue(undecodable.getMessage().contains("not an encoded latency histogram"), undecodable.getMessage());
    }

    @Test
    void theSyntheticRateIsDividedWithASeedPerNode() {
        ClientRun run = new ClientRun(JavaLauncher.current(), Sweep.quick());
        List<List<String>> shares = run.shares(new Sweep.Point(Workload.SYNTHETIC, 10_000), "198.18.7.1:8000", 4);

        assertEquals(4, shares.size());
        for (int i = 0; i < 4; i++) {
            List<String> share = shares.get(i);
            assertEquals("2500", share.get(share.indexOf("--rate") + 1));
            assertEquals(Long.toString(Sweep.SYNTHETIC_SEED + i), share.get(share.indexOf("--seed") + 1));
            assertEquals("198.18.7.1:8000", share.get(share.indexOf("--server") + 1));
            assertTrue(share.contains("--json"));
        }
    }

    @Test
    void netperfThreadsAreSpreadAndSurplusNodesIdle() {
        ClientRun run = new ClientRun(JavaLauncher.current(), Sweep.quick());
        List<List<String>> five = run.shares(new Sweep.Point(Workload.NETPERF, 5), "198.18.7.1:8001", 3);
        assertEquals(List.of("2", "2", "1"), five.stream().map(s -> s.get(s.indexOf("--threads") + 1)).toList());

        List<List<String>> two = run.shares(new Sweep.Point(Workload.NETPERF, 2), "198.18.7.1:8001", 3);
        assertEquals(null, two.get(2), "the third node has no thread to run");
        assertEquals("1", two.get(0).get(two.get(0).indexOf("--threads") + 1));
    }

    @Test
    void aSecondClientsLogIsNumbered() {
        assertEquals(java.nio.file.Path.of("logs/client-x-2.log"),
                ClientRun.numbered(java.nio.file.Path.of("logs/client-x.log"), 2));
    }

    private static Histogram histogram(long fromMicros, long toMicros) {
        Histogram histogram = new Histogram(3);
        for (long micros = fromMicros; micros <= toMicros; micros++) {
            histogram.recordValue(micros * 1000);
        }
        return histogram;
    }

    private static Histogram histogram(long fromMicros, long toMicros, int times) {
        Histogram histogram = new Histogram(3);
        for (long micros = fromMicros; micros <= toMicros; micros++) {
            histogram.recordValueWithCount(micros * 1000, times);
        }
        return histogram;
    }

    /** A start time; each sample starts {@code sent % 7} seconds after it. */
    private static final long START = 1_700_000_000L;

    private static SyntheticSample synthetic(double rate, long sent, long received, Histogram latencies) {
        return new SyntheticSample("exponential", rate, sent, received, sent, received, sent - received, 0,
                Percentiles.micros(latencies, sent, 50), Percentiles.micros(latencies, sent, 90),
                Percentiles.micros(latencies, sent, 99), Percentiles.micros(latencies, sent, 99.9),
                Percentiles.micros(latencies, sent, 99.99), START + sent % 7, sent, received, 0, latencies);
    }

    private static NetperfResult netperf(int threads, double rps, Histogram latencies) {
        long n = latencies.getTotalCount();
        return new NetperfResult(threads, rps, n, latencies.getMinValue() / 1000.0, latencies.getMean() / 1000.0,
                Percentiles.micros(latencies, n, 90), Percentiles.micros(latencies, n, 99),
                Percentiles.micros(latencies, n, 99.9), Percentiles.micros(latencies, n, 99.99),
                latencies.getMaxValue() / 1000.0, n + 10, 0, latencies);
    }

    private static JsonObject json(SyntheticSample sample) {
        return ShellAnswers.jsonObject(sample.json());
    }

    private static JsonObject json(NetperfResult result) {
        return ShellAnswers.jsonObject(result.json());
    }
}
