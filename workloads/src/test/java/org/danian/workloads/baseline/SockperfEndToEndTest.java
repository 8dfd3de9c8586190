package org.danian.workloads.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.workloads.testing.SockperfClient;
import org.junit.jupiter.api.Test;

/**
 * The real sockperf client (Debian package {@code sockperf}, which .ci/run installs) against
 * the baseline netperf server, started as its own process: closed-loop ping-pong with every
 * byte checked, then open-loop load with every message answered. Nothing may be dropped.
 * Then SIGTERM stops the server with status 0, and its own counters show that it dropped
 * nothing either.
 *
 * <p>sockperf counts as dropped a reply still on its way when the client's timer ends. On a
 * loaded two-core machine a scheduling stall of the client or the server can hold the last
 * replies past that point, so the open-loop run may be repeated (up to three runs) until one
 * sees every reply; the server's counters cover all runs, so a reply it really failed to send
 * still fails the test.
 *
 * <p>Without sockperf on the PATH the test fails: it is part of what the build checks.
 */
class SockperfEndToEndTest {

    @Test
    void sockperfPingPongAndUnderLoadGetEveryReplyIntact() throws Exception {
        SockperfClient sockperf = SockperfClient.onPath();
        try (ServerProcess server = ServerProcess.start("--workload", "netperf", "--port", "0",
                "--bind", "127.0.0.1", "--threads", "2")) {
            assertTrue(server.readyLine.startsWith("listening workload=netperf address=127.0.0.1 port="));

            sockperf.passesPingPongAndUnderLoad(server.port);

            assertEquals(0, server.terminate(), "exit status after SIGTERM");
            String stopped = server.stderr();
            assertTrue(stopped.contains("stopped on SIGTERM: workload=netperf"), stopped);
            assertTrue(stopped.contains("malformed=0 oversized=0 rejected=0 overloaded=0"), stopped);
        }
    }

}
