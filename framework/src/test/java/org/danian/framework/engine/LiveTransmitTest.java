package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.framework.net.UdpDriverConfig;
import org.danian.framework.runtime.PollingBaton;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.LiveProc;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PacketPort;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The live packet path's hand-offs, counted: with the default driver a kthread transmits its
 * own reply (no reply passes through the scheduler thread); with {@code kthreadsTransmit=false}
 * every reply does; a spinning kthread keeps its core, so requests need no kthread wake; and a
 * kthread waiting in the driver (directpath receive) is woken by each packet itself, allocates
 * nothing per packet, gives its core to a proc that needs it, and parks when packets stop.
 */
class LiveTransmitTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int REQUESTS = 300;
    private static final long LONGER_THAN_THE_TEST = 600_000_000_000L;

    @Timeout(60)
    @ParameterizedTest(name = "kthreadsTransmit={0}")
    @ValueSource(booleans = {true, false})
    void repliesLeaveOnTheKThreadUnlessTheDriverQueuesThem(boolean kthreadsTransmit) throws Exception {
        // Without the receive linger, so that every request passes through the scheduler thread.
        KernelUdpDriver driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT.withKthreadsTransmit(kthreadsTransmit), 0);
        serveEchoes(driver, 0, (kernel, port) -> {
            echo(port, REQUESTS);
            long expectedEgress = kthreadsTransmit ? 0 : REQUESTS;
            // The flush counts its replies after sending them: the client may see the last first.
            LiveFixture.await(() -> kernel.metrics().handOffs().egress() == expectedEgress,
                    () -> kernel.metrics().handOffs().toString());
            MetricsSnapshot.HandOffs handOffs = kernel.metrics().handOffs();
            assertEquals(REQUESTS, handOffs.requests(), handOffs::toString);
            assertEquals(kthreadsTransmit ? 0 : REQUESTS, handOffs.egress(), handOffs::toString);
            assertTrue(handOffs.perRequest() >= 1, handOffs::toString);
            // A kthread counts its reply after the send returns: the client may see it first.
            LiveFixture.await(() -> kernel.status().packets().counters().sent() == REQUESTS,
                    () -> kernel.status().packets().counters().toString());
        });
    }

    @Test
    @Timeout(60)
    void aSpinningKThreadKeepsItsCoreSoRequestsWakeNoKThread() throws Exception {
        serveEchoes(new KernelUdpDriver(), 1, (kernel, port) -> {
            echo(port, 1); // the first request brings the kthread to a core
            long wakesAfterFirst = kernel.metrics().handOffs().kthreadWakes();
            echo(port, REQUESTS);
            MetricsSnapshot.HandOffs handOffs = kernel.metrics().handOffs();
            assertEquals(wakesAfterFirst, handOffs.kthreadWakes(), "the spinning kthread never left its core: "
                    + handOffs);
            assertEquals(1, kernel.status().procs().get(0).coresHeld());
        });
    }

    @Test
    @Timeout(60)
    void aKThreadWaitingInTheDriverIsWokenByEachPacketAndNeverByTheScheduler() throws Exception {
        // A linger longer than the test's timeout: the kthread keeps its core and the polling baton
        // throughout, and closing the proc must end the wait rather than outlast it.
        serveEchoes(new KernelUdpDriver(UdpDriverConfig.DEFAULT, LONGER_THAN_THE_TEST), 0, (kernel, port) -> {
            echo(port, 1); // the first request brings the kthread to a core; it then asks for the baton
            LiveFixture.await(() -> !baton(kernel).atScheduler(), () -> "the baton stayed put");
            MetricsSnapshot.HandOffs before = kernel.metrics().handOffs();
            echo(port, REQUESTS);
            MetricsSnapshot.HandOffs after = kernel.metrics().handOffs();
            assertEquals(REQUESTS, after.requests() - before.requests(), after::toString);
            assertEquals(before.kthreadWakes(), after.kthreadWakes(), "a kthread was woken for a grant: " + after);
            assertEquals(before.fastRewakes(), after.fastRewakes(), after::toString);
            assertEquals(1, kernel.status().procs().get(0).coresHeld());
            assertTrue(!baton(kernel).atScheduler(), "the kthread gave the baton back");
        });
    }

    /**
     * The kthread's side of the packet path while it holds the baton (its wait in the driver,
     * the receive, the steering, the handler and the reply) allocates nothing per packet:
     * measured with the JVM's per-thread allocation counter on the kthread alone.
     */
    @Test
    @Timeout(60)
    void aKThreadWaitingInTheDriverAllocatesNothingPerPacket() throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        serveEchoes(new KernelUdpDriver(UdpDriverConfig.DEFAULT, LONGER_THAN_THE_TEST), 0, (kernel, port) -> {
            echo(port, 2_000); // warm-up: the JIT compiles the path
            LiveFixture.await(() -> !baton(kernel).atScheduler(), () -> "the kthread took no baton");
            Thread kthread = Thread.getAllStackTraces().keySet().stream()
                    .filter(thread -> thread.getName().equals("danian-echo-k0")).findFirst().orElseThrow();
            long before = threads.getThreadAllocatedBytes(kthread.getId());
            long wakesBefore = kernel.metrics().handOffs().kthreadWakes();
            echo(port, 5_000);
            long allocated = threads.getThreadAllocatedBytes(kthread.getId()) - before;
            assertEquals(wakesBefore, kernel.metrics().handOffs().kthreadWakes(), "the kthread left the driver");
            assertTrue(allocated < 5_000, "the kthread allocated " + allocated + " bytes over 5,000 packets");
        });
    }

    @Test
    @Timeout(60)
    void aProcThatNeedsTheCoreOfAKThreadWaitingInTheDriverGetsIt() throws Exception {
        withLingeringKernel(kernel -> {
            LiveProc first = kernel.startProc(ProcSpec.latencyCritical("first", 1));
            LiveProc second = kernel.startProc(ProcSpec.latencyCritical("second", 1));
            PacketPort firstPort = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), first, packet -> packet.reply());
            PacketPort secondPort = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), second, packet -> packet.reply());
            echo(firstPort, 3);
            LiveFixture.await(() -> !baton(kernel).atScheduler(), () -> "the first proc's kthread took no baton");
            echo(secondPort, 3); // the one worker core is the first proc's: it must be given up
            echo(firstPort, 3);
            assertEquals(9, kernel.metrics().handOffs().requests());
        });
    }

    /** Without an open port there is nothing to wait for in the driver: the kthread parks. */
    @Test
    @Timeout(60)
    void aProcServedWithoutPacketsDoesNotWaitInTheDriver() throws Exception {
        withLingeringKernel(kernel -> {
            LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("tasks", 1));
            assertEquals(0, baton(kernel).lingerNanos(), "no port is open");
            proc.submit(() -> { });
            LiveFixture.await(() -> proc.completedCount() == 1, () -> "the task did not run");
            LiveFixture.await(() -> kernel.status().procs().get(0).coresHeld() == 0, () -> "the kthread kept its core");
            PacketPort port = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), proc, packet -> packet.reply());
            assertEquals(LONGER_THAN_THE_TEST, baton(kernel).lingerNanos());
            port.close();
            assertEquals(0, baton(kernel).lingerNanos(), "the last port closed");
        });
    }

    @Test
    @Timeout(60)
    void aLingeringKThreadGivesItsCoreBackOnceNoPacketComes() throws Exception {
        serveEchoes(new KernelUdpDriver(UdpDriverConfig.DEFAULT, 20_000_000L), 0, (kernel, port) -> {
            echo(port, 5);
            // 20 ms after the last packet the kthread gives the baton back and parks.
            LiveFixture.await(() -> kernel.status().procs().get(0).coresHeld() == 0, () -> "the kthread kept its core");
            assertTrue(baton(kernel).atScheduler());
            echo(port, 5); // the scheduler thread receives again
            assertEquals(10, kernel.metrics().handOffs().requests());
        });
    }

    @Test
    @Timeout(60)
    void anIdleKernelSleepsUntilAPacketComesInsteadOfWakingEachMillisecond() throws Exception {
        serveEchoes(new KernelUdpDriver(), 0, (kernel, port) -> {
            echo(port, 10);
            LiveFixture.await(() -> kernel.status().procs().get(0).coresHeld() == 0, () -> "the kthread kept its core");
            long before = kernel.metrics().handOffs().schedulerWakeups();
            Thread.sleep(500);
            long wakeups = kernel.metrics().handOffs().schedulerWakeups() - before;
            // A wait with the idle strategy's timeout (a millisecond in the selector) woke ~500 times.
            assertTrue(wakeups <= 5, "the idle scheduler thread woke " + wakeups + " times in 500 ms");
            echo(port, 10); // and a packet still ends the wait
            assertEquals(20, kernel.metrics().handOffs().requests());
        });
    }

    @Test
    @Timeout(60)
    void aKThreadWaitingInTheDriverLetsTheSchedulerThreadSleep() throws Exception {
        serveEchoes(new KernelUdpDriver(UdpDriverConfig.DEFAULT, LONGER_THAN_THE_TEST), 0, (kernel, port) -> {
            echo(port, 10);
            LiveFixture.await(() -> !baton(kernel).atScheduler(), () -> "the kthread took no baton");
            long before = kernel.metrics().handOffs().schedulerWakeups();
            Thread.sleep(500);
            long wakeups = kernel.metrics().handOffs().schedulerWakeups() - before;
            // Parked a millisecond at a time while the kthread polled, it woke ~500 times.
            assertTrue(wakeups <= 20, "the scheduler thread woke " + wakeups + " times in 500 ms");
            assertEquals(1, kernel.status().procs().get(0).coresHeld(), "the kthread still waits in the driver");
            echo(port, 10); // the kthread receives the next packets
            assertEquals(20, kernel.metrics().handOffs().requests());
        });
    }

    /** The running kernel's polling baton. */
    private static PollingBaton baton(Kernel kernel) {
        return kernel.scheduler().engine().runtime().pollingBaton();
    }

    /** What a test does with a running kernel. */
    private interface KernelBody {
        void run(Kernel kernel) throws Exception;
    }

    /** Runs {@code body} on a kernel whose driver lets kthreads wait longer than the test, then stops it. */
    private static void withLingeringKernel(KernelBody body) throws Exception {
        KernelUdpDriver driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT, LONGER_THAN_THE_TEST);
        Kernel kernel = kernel(0, driver);
        try {
            body.run(kernel);
        } finally {
            kernel.stop();
            driver.close();
        }
    }

    /** What a test does with a kernel whose one-kthread proc echoes every datagram to its port. */
    private interface EchoBody {
        void run(Kernel kernel, PacketPort port) throws Exception;
    }

    /** Runs {@code body} against an echo proc on {@code driver}, then closes everything. */
    private static void serveEchoes(KernelUdpDriver driver, int spinningKThreads, EchoBody body) throws Exception {
        Kernel kernel = kernel(spinningKThreads, driver);
        try {
            LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("echo", 1));
            PacketPort port = kernel.openPort(new InetSocketAddress(LOOPBACK, 0), proc, packet -> packet.reply());
            body.run(kernel, port);
            port.close();
            proc.close();
        } finally {
            kernel.stop();
            driver.close();
        }
    }

    /** The small machine of {@link LiveFixture}, with spinning kthreads and this driver. */
    private static Kernel kernel(int spinningKThreads, KernelUdpDriver driver) {
        CoreTopology topology = CoreTopology.noSiblings(2);
        Kernel kernel = new Kernel(topology, new RecordingLogger(), KernelSettings.withCores(topology, 0, List.of(1))
                .withSpinningKThreads(spinningKThreads));
        kernel.addPolicy(new SimpleAllocationPolicy());
        kernel.addPolicy(new LruTestPolicy("lru"));
        kernel.addDriver(driver, KernelUdpDriver.NAME);
        kernel.start("lru", SimpleAllocationPolicy.NAME);
        return kernel;
    }

    private static void echo(PacketPort port, int requests) throws IOException {
        try (DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0))) {
            ByteBuffer buffer = ByteBuffer.allocate(16);
            for (long i = 0; i < requests; i++) {
                client.send(buffer.clear().putLong(0, i).limit(8), port.address());
                buffer.clear();
                client.receive(buffer);
                assertEquals(i, buffer.getLong(0));
            }
        }
    }
}
