package org.danian.workloads.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.danian.workloads.baseline.BaselineServer;
import org.junit.jupiter.api.Test;

/** A bad argument: status 2 and a message that names the bad value. */
class BadArgumentsTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

    private void assertRejected(int status, String badValue) {
        assertEquals(2, status);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(badValue), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void syntheticClientNamesABadServerDistributionOrRate() {
        assertRejected(SyntheticClient.run(quiet, errStream, "--server", "localhost-no-port"), "localhost-no-port");
        assertRejected(SyntheticClient.run(quiet, errStream, "--server", "127.0.0.1:99999"), "127.0.0.1:99999");
        assertRejected(SyntheticClient.run(quiet, errStream, "--server", "127.0.0.1:1", "--distribution", "bimodal9"),
                "bimodal9");
        assertRejected(SyntheticClient.run(quiet, errStream, "--server", "127.0.0.1:1", "--rate", "fast"), "fast");
        assertRejected(SyntheticClient.run(quiet, errStream, "--server", "127.0.0.1:1", "--rate", "-5"), "-5");
    }

    @Test
    void netperfClientNamesABadThreadCount() {
        assertRejected(NetperfClient.run(quiet, errStream, "--server", "127.0.0.1:8001", "--threads", "2,0"), "0");
        assertRejected(NetperfClient.run(quiet, errStream, "--server", "127.0.0.1:8001", "--duration", "x1"), "x1");
    }

    @Test
    void baselineServerNamesABadWorkloadOrPort() {
        assertRejected(BaselineServer.run(quiet, errStream, "--workload", "memcached"),
                "memcached");
        assertRejected(BaselineServer.run(quiet, errStream, "--workload", "netperf",
                "--port", "70000"), "70000");
    }
}
