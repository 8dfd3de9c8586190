package org.danian.workloads.baseline;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.danian.workloads.protocol.SockperfWire;
import org.danian.workloads.protocol.SyntheticWire;
import org.junit.jupiter.api.Test;

/**
 * 10⁵ datagrams, random and malformed interleaved with valid requests, over real loopback UDP
 * to each baseline server: every valid request is answered, nothing else is, the server keeps
 * serving to the end, and its counters account for every datagram with the expected reason.
 */
class BaselineFuzzTest {

    private static final int DATAGRAMS = 100_000;
    private static final int BATCH = 100;
    private static final long MAX_WORK = 10_000;
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @Test
    void syntheticServerAnswersEveryValidRequestAndCountsEveryDrop() throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_501);
        long[] ids = {0};
        try (BaselineService server = BaselineService.start(Workload.SYNTHETIC, ANY_LOOPBACK_PORT, 2, MAX_WORK);
                FuzzHarness harness = new FuzzHarness(server.address())) {
            for (int sent = 0; sent < DATAGRAMS; sent += BATCH) {
                harness.sendBatch(BATCH, () -> FuzzTraffic.synthetic(random, ids[0]++, MAX_WORK),
                        SyntheticWire::index);
            }
            harness.assertCountersAddUp(server::stats);
        }
    }

    @Test
    void netperfServerAnswersEveryValidRequestAndCountsEveryDrop() throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_502);
        long[] ids = {1};
        try (BaselineService server = BaselineService.start(Workload.NETPERF, ANY_LOOPBACK_PORT, 2, MAX_WORK);
                FuzzHarness harness = new FuzzHarness(server.address())) {
            for (int sent = 0; sent < DATAGRAMS; sent += BATCH) {
                harness.sendBatch(BATCH, () -> FuzzTraffic.sockperf(random, ids[0]++), SockperfWire::sequence);
                if (sent % (DATAGRAMS / 10) == 0) {
                    harness.handshakeEchoAndKill(server.address(), server::echoPortCount);
                }
            }
            harness.assertCountersAddUp(server::stats);
        }
    }
}
