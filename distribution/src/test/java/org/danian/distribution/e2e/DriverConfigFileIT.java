package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded {@code kernel-udp} driver is configured by a {@code .cfg} in {@code load/}, as
 * the distribution's README tells operators: a receive linger of one second keeps the kthread
 * that served the first datagram waiting in the driver, so datagrams 5 ms apart (five times the
 * default linger) wake no kthread for a grant. With the file ignored (its PID once read as a
 * factory configuration), each of them woke one.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class DriverConfigFileIT {

    private static final int DATAGRAMS = 40;

    @TempDir
    Path unpackedInto;
    @TempDir
    Path elsewhere;

    @Test
    void aLoadFolderCfgSetsTheKernelUdpDriversReceiveLinger() throws Exception {
        Path home = UnpackedDistribution.into(unpackedInto);
        Files.writeString(home.resolve("load").resolve("org.danian.driver.kernel.udp.cfg"),
                "kthreadReceiveLingerMicros=1000000\n");
        try (ServeProcess serve = ServeProcess.start(home.resolve("bin").resolve("danian"), elsewhere,
                Files.createTempDirectory(elsewhere, "data"), 1, "--workload", "synthetic", "--port", "0")) {
            int synthetic = serve.ports.get("synthetic");
            // The first brings a kthread to a core; it then waits in the driver.
            ServeProcess.sendShortDatagrams(synthetic, 1, 0);
            JsonObject first = serve.awaitSteered(1);
            ServeProcess.sendShortDatagrams(synthetic, DATAGRAMS - 1, 5);
            JsonObject after = serve.awaitSteered(DATAGRAMS);
            long wakes = after.get("kthreadWakes").getAsLong() - first.get("kthreadWakes").getAsLong()
                    + after.get("fastRewakes").getAsLong() - first.get("fastRewakes").getAsLong();
            assertTrue(wakes <= 2, "kthreads were woken " + wakes + " times for " + (DATAGRAMS - 1)
                    + " datagrams 5 ms apart: the linger from load/ did not apply; " + after);
            assertEquals(0, serve.terminate());
        }
    }
}
