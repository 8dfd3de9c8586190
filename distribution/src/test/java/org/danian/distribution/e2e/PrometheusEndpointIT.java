package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus endpoint of the packaged distribution: off by default, on the loopback port a
 * {@code .cfg} in {@code load/} names, scraped over HTTP while {@code serve} runs: the
 * kernel's and the driver's counters, and each workload's datagrams by outcome.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PrometheusEndpointIT {

    private static final int MALFORMED = 3;

    @TempDir
    Path unpackedInto;
    @TempDir
    Path elsewhere;

    @Test
    void aConfiguredEndpointIsScrapedWhileServing() throws Exception {
        Path home = UnpackedDistribution.into(unpackedInto);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Files.writeString(home.resolve("load").resolve("org.danian.exporter.prometheus.cfg"), "port=" + port + "\n");
        try (ServeProcess serve = ServeProcess.start(home.resolve("bin").resolve("danian"), elsewhere,
                Files.createTempDirectory(elsewhere, "data"), 2, "--port", "0")) {
            String text = scrapeWithin(port, 30);
            assertTrue(text.contains("\ndanian_grants_total"), text);
            assertTrue(text.contains("danian_grant_latency_seconds_bucket{"), text);
            assertTrue(text.contains("danian_grant_latency_quantiles_seconds{"), text);
            assertTrue(text.contains("\ndanian_driver_received_total"), text);

            // Three datagrams too short for the synthetic protocol: counted as malformed, per
            // workload, on the endpoint as in danian:workloads.
            ServeProcess.sendShortDatagrams(serve.ports.get("synthetic"), MALFORMED, 0);
            String after = awaitSample(port, "synthetic", "malformed", MALFORMED);
            assertTrue(Pattern.compile("(?m)^danian_workload_datagrams_total\\{[^}]*outcome=\"replied\""
                    + "[^}]*workload=\"netperf\"\\} ").matcher(after).find(), after);
            assertTrue(after.contains("\ndanian_workload_servers 2.0"), after);
            JsonArray workloads = ShellJson.read(serve.command("danian:workloads --json"), JsonArray.class);
            for (JsonElement workload : workloads) {
                JsonObject answer = workload.getAsJsonObject();
                if ("synthetic".equals(answer.get("workload").getAsString())) {
                    assertEquals(MALFORMED, answer.getAsJsonObject("stats").get("malformed").getAsLong(),
                            workloads::toString);
                }
            }
            assertEquals(0, serve.terminate());
        }
    }

    /** Scrapes until the workload's outcome counter reaches {@code expected}; the last scrape. */
    private static String awaitSample(int port, String workload, String outcome, long expected) throws Exception {
        Pattern sample = Pattern.compile("(?m)^danian_workload_datagrams_total\\{[^}]*outcome=\"" + outcome
                + "\"[^}]*workload=\"" + workload + "\"\\} (\\S+)$");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            String text = scrapeWithin(port, 5);
            Matcher found = sample.matcher(text);
            if (found.find() && (long) Double.parseDouble(found.group(1)) >= expected) {
                assertEquals(expected, (long) Double.parseDouble(found.group(1)), text);
                return text;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + outcome + " count of " + expected + " for " + workload + ":\n" + text);
            }
            Thread.sleep(200);
        }
    }

    private static String scrapeWithin(int port, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/metrics")
                        .toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    try (InputStream body = connection.getInputStream()) {
                        return "\n" + new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    }
                }
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no endpoint on 127.0.0.1:" + port + " within " + seconds + " s", notYet);
                }
            }
            Thread.sleep(200);
        }
    }
}
