package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Prometheus endpoint of the packaged distribution: off by default, on the loopback port a
 * {@code .cfg} in {@code load/} names, scraped over HTTP while {@code serve} runs.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PrometheusEndpointIT {

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
            assertTrue(text.contains("danian_grant_latency_seconds{"), text);
            assertTrue(text.contains("\ndanian_driver_received_total"), text);
            assertEquals(0, serve.terminate());
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
