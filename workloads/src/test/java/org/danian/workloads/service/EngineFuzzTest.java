package org.danian.workloads.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.SplittableRandom;
import org.danian.framework.engine.Kernel;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.spi.ProcSpec;
import org.danian.spi.net.DriverCounters;
import org.danian.workloads.baseline.FuzzHarness;
import org.danian.workloads.baseline.FuzzTraffic;
import org.danian.workloads.protocol.SockperfWire;
import org.danian.workloads.protocol.SyntheticWire;
import org.danian.workloads.server.HandlerCounters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The Danian-backed servers under the baseline's fuzz (10⁵ datagrams, random and malformed
 * interleaved with valid requests, over loopback UDP), on a live in-process kernel: every
 * valid request is answered exactly once, nothing else is, and both the handlers' outcome
 * counters and the packet driver's counters account for every datagram.
 */
class EngineFuzzTest {

    private static final int DATAGRAMS = 100_000;
    private static final int BATCH = 100;
    private static final long MAX_WORK = 10_000;
    private static final InetSocketAddress ANY_LOOPBACK_PORT =
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private final KernelUdpDriver driver = new KernelUdpDriver();
    private final Kernel kernel = EngineServers.startedKernel(driver);

    @AfterEach
    void stopKernel() {
        kernel.stop();
        driver.close();
    }

    @Test
    void syntheticServerAnswersEveryValidRequestAndCountsEveryDrop() throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_601);
        long[] ids = {0};
        HandlerCounters counters = new HandlerCounters();
        try (ServedWorkload server = SyntheticServer.serve(kernel, ProcSpec.latencyCritical("synthetic", 2),
                ANY_LOOPBACK_PORT, MAX_WORK, counters); FuzzHarness harness = new FuzzHarness(server.address())) {
            for (int sent = 0; sent < DATAGRAMS; sent += BATCH) {
                harness.sendBatch(BATCH, () -> FuzzTraffic.synthetic(random, ids[0]++, MAX_WORK), SyntheticWire::index);
            }
            harness.assertCountersAddUp(counters::snapshot);
        }
        assertDriverCountedEveryDatagram(counters.snapshot().received());
    }

    @Test
    void netperfServerAnswersEveryValidRequestAndCountsEveryDrop() throws Exception {
        SplittableRandom random = new SplittableRandom(20_240_602);
        long[] ids = {1};
        HandlerCounters counters = new HandlerCounters();
        try (ServedWorkload server = NetperfServer.serve(kernel, ProcSpec.latencyCritical("netperf", 2),
                ANY_LOOPBACK_PORT, 16, counters); FuzzHarness harness = new FuzzHarness(server.address())) {
            for (int sent = 0; sent < DATAGRAMS; sent += BATCH) {
                harness.sendBatch(BATCH, () -> FuzzTraffic.sockperf(random, ids[0]++), SockperfWire::sequence);
                if (sent % (DATAGRAMS / 10) == 0) {
                    harness.handshakeEchoAndKill(server.address(), server::extraPortCount);
                }
            }
            harness.assertCountersAddUp(counters::snapshot);
        }
        assertDriverCountedEveryDatagram(counters.snapshot().received());
    }

    /** Every datagram went through the driver once, was delivered, and every reply was sent. */
    private void assertDriverCountedEveryDatagram(long handled) {
        DriverCounters counters = kernel.status().packets().counters();
        assertEquals(handled, counters.received(), counters::toString);
        assertEquals(counters.received(), counters.delivered() + counters.dropped(), counters::toString);
        assertEquals(0, counters.dropped(), counters::toString);
        assertEquals(0, counters.transmitFailed(), counters::toString);
        assertEquals(0, kernel.status().packets().unanswered());
    }
}
