package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.List;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.framework.net.UdpDriverConfig;
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
 * every reply does; and a spinning kthread keeps its core, so requests need no kthread wake.
 */
class LiveTransmitTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final int REQUESTS = 300;

    @Timeout(60)
    @ParameterizedTest(name = "kthreadsTransmit={0}")
    @ValueSource(booleans = {true, false})
    void repliesLeaveOnTheKThreadUnlessTheDriverQueuesThem(boolean kthreadsTransmit) throws Exception {
        KernelUdpDriver driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT.withKthreadsTransmit(kthreadsTransmit));
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
