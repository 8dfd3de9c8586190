package org.danian.exporter.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.danian.framework.engine.Kernel;
import org.danian.framework.engine.LiveFixture;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.framework.engine.RecordingLogger;
import org.danian.kernel.DatagramCounts;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.WorkloadTraffic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoint scraped over HTTP on the loopback: the kernel's own numbers, in Prometheus text format. */
class PrometheusEndpointTest {

    private static final Pattern SAMPLE = Pattern.compile("(?m)^([a-z_]+)(\\{[^}]*\\})? (\\S+)$");

    private final Kernel kernel = started();

    private static Kernel started() {
        Kernel kernel = LiveFixture.unstarted(new RecordingLogger(), KernelSettings.KERNEL_UDP_DRIVER);
        kernel.addPolicy(new LruTestPolicy("danian-exact"));
        kernel.addPolicy(new LruTestPolicy("caladan"));
        kernel.start("danian-exact", "simple");
        return kernel;
    }

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void aScrapeCarriesTheKernelsCountersSummariesAndDriverCounters() throws Exception {
        kernel.swap(PolicyKind.THREAD_PICK, "caladan");
        try (HTTPServer server = PrometheusEndpoint.start(kernel, List.of(), "127.0.0.1", 0)) {
            String text = scrape(server.getPort());
            Map<String, String> samples = samples(text);
            MetricsSnapshot.Global global = kernel.metrics().global();

            assertEquals(global.threadPick().swaps(),
                    (long) Double.parseDouble(samples.get("danian_policy_swaps_total{slot=\"thread-pick\"}")), text);
            assertEquals(global.counts().grants(), (long) Double.parseDouble(samples.get("danian_grants_total")), text);
            assertTrue(samples.containsKey("danian_grant_latency_quantiles_seconds{quantile=\"0.99\"}"), text);
            assertTrue(samples.containsKey("danian_pick_cost_seconds_count"), text);
            assertTrue(samples.containsKey("danian_grant_latency_seconds_bucket{le=\"1.0E-6\"}")
                    || samples.containsKey("danian_grant_latency_seconds_bucket{le=\"1e-06\"}"), text);
            assertTrue(samples.containsKey("danian_driver_received_total"), text);
            assertEquals(kernel.status().packets().counters().received(),
                    (long) Double.parseDouble(samples.get("danian_driver_received_total")), text);
        }
    }

    @Test
    void aScrapeCarriesEveryRunningWorkloadsDatagramsByOutcome() throws Exception {
        List<WorkloadTraffic> workloads = new CopyOnWriteArrayList<>();
        workloads.add(traffic("synthetic", 7001, new DatagramCounts(40, 1, 2, 3, 4, 5)));
        try (HTTPServer server = PrometheusEndpoint.start(kernel, workloads, "127.0.0.1", 0)) {
            Map<String, String> samples = samples(scrape(server.getPort()));
            String synthetic = "danian_workload_datagrams_total{address=\"127.0.0.1:7001\",outcome=\"%s\","
                    + "workload=\"synthetic\"}";
            assertEquals("40.0", samples.get(String.format(synthetic, "replied")), samples::toString);
            assertEquals("1.0", samples.get(String.format(synthetic, "ignored")), samples::toString);
            assertEquals("2.0", samples.get(String.format(synthetic, "malformed")), samples::toString);
            assertEquals("3.0", samples.get(String.format(synthetic, "oversized")), samples::toString);
            assertEquals("4.0", samples.get(String.format(synthetic, "rejected")), samples::toString);
            assertEquals("5.0", samples.get(String.format(synthetic, "overloaded")), samples::toString);
            assertEquals("1.0", samples.get("danian_workload_servers"), samples::toString);

            workloads.add(traffic("netperf", 8001, new DatagramCounts(9, 0, 0, 0, 6, 0)));
            Map<String, String> later = samples(scrape(server.getPort()));
            assertEquals("6.0", later.get("danian_workload_datagrams_total{address=\"127.0.0.1:8001\","
                    + "outcome=\"rejected\",workload=\"netperf\"}"), later::toString);
            assertEquals("2.0", later.get("danian_workload_servers"), later::toString);
        }
    }

    private static WorkloadTraffic traffic(String name, int port, DatagramCounts counts) {
        return new WorkloadTraffic() {
            @Override
            public String workload() {
                return name;
            }

            @Override
            public InetSocketAddress address() {
                return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            }

            @Override
            public DatagramCounts datagrams() {
                return counts;
            }
        };
    }

    private static String scrape(int port) throws Exception {
        HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/metrics").toURL()
                .openConnection();
        assertEquals(200, connection.getResponseCode());
        try (InputStream body = connection.getInputStream()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every sample line, name plus labels (an empty {@code proc} label dropped), to its value. */
    private static Map<String, String> samples(String text) {
        Matcher matcher = SAMPLE.matcher(text);
        List<String[]> found = new java.util.ArrayList<>();
        while (matcher.find()) {
            String labels = matcher.group(2) == null ? "" : matcher.group(2).replace("proc=\"\",", "")
                    .replace(",proc=\"\"", "").replace("{proc=\"\"}", "");
            found.add(new String[] {matcher.group(1) + labels, matcher.group(3)});
        }
        return found.stream().collect(Collectors.toMap(s -> s[0], s -> s[1], (a, b) -> a));
    }
}
