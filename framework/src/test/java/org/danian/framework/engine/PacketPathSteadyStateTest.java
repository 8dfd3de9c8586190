package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicReference;

import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.framework.net.UdpDriverConfig;
import org.danian.framework.net.PacketRing;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The packet path allocates nothing per packet: the kernel UDP driver's receive burst, the
 * steering into a proc's ingress queue as a pooled {@link PacketTask}, the handler's reply, and
 * the transmit batch, all played on this thread (standing in for the scheduler thread and the
 * kthread) while a client thread ping-pongs datagrams over loopback. Measured with the JVM's
 * per-thread allocation counter on this thread only, so the client's own allocation is not
 * counted.
 */
class PacketPathSteadyStateTest {

    private static final int PACKETS = 5_000;
    private static final int WINDOWS = 3;

    /**
     * Both transmit paths: the kthread sends its own reply ({@code kthreadsTransmit}, the
     * default; here the test thread is the kthread), or queues it for the polling thread's flush.
     */
    @ParameterizedTest(name = "kthreadsTransmit={0}")
    @ValueSource(booleans = {true, false})
    void receiveSteerHandleReplyAndTransmitAllocateNothingPerPacket(boolean kthreadsTransmit) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        CoreTopology topology = CoreTopology.noSiblings(2);
        RuntimeContext context = new RuntimeContext(topology, NativeThreadsLoader.unpinned("allocation test"),
                new SpinThenPark());
        ProcRuntime proc = new ProcRuntime("echo", 1, context, 1, (kthread, cpu) -> { });
        KernelMetrics metrics = new KernelMetrics();
        PacketRing<PacketTask> tasks = new PacketRing<>(64);
        for (int i = 0; i < 64; i++) {
            tasks.offer(new PacketTask(tasks, metrics));
        }
        try (KernelUdpDriver driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT.withKthreadsTransmit(kthreadsTransmit))) {
            int port = driver.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            driver.attach(port, new ProcPacketSink(proc, packet -> packet.reply(), tasks, metrics.handOffs()));
            serve(driver, proc, port, PACKETS); // warm-up
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < WINDOWS; window++) {
                allocated = Math.min(allocated, serve(driver, proc, port, PACKETS));
            }
            assertEquals((long) (WINDOWS + 1) * PACKETS, driver.counters().sent(), driver.counters()::toString);
            assertEquals(0, metrics.packetsUnanswered());
            assertEquals((long) (WINDOWS + 1) * PACKETS, metrics.handOffs().read().requests());
            assertTrue(allocated < 1024, allocated + " bytes allocated for " + PACKETS
                    + " packets (the least of " + WINDOWS + " windows)");
        }
    }

    /**
     * Plays the loop and the kthread until a client thread has had {@code packets} echoes, and
     * returns the bytes this thread allocated meanwhile. The client thread is created and started
     * before the count begins: starting a thread (or handing work to a pool, which may spawn a
     * worker) allocates on the starting thread, a fixed cost per window that is not the packet
     * path's.
     */
    private static long serve(KernelUdpDriver driver, ProcRuntime proc, int port, int packets) throws Exception {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread client = new Thread(() -> {
            try {
                pingPong(port, packets);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "allocation-test-client");
        client.start();
        long self = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(self);
        while (client.isAlive()) {
            driver.poll();
            for (Runnable task = proc.ingress().poll(); task != null; task = proc.ingress().poll()) {
                task.run();
            }
            driver.flush();
        }
        long allocated = threads.getThreadAllocatedBytes(self) - before;
        client.join();
        if (failure.get() != null) {
            throw new AssertionError("client failed", failure.get());
        }
        return allocated;
    }

    private static void pingPong(int port, int packets) {
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer buffer = ByteBuffer.allocate(64);
            for (int i = 0; i < packets; i++) {
                buffer.clear().putLong(0, i).limit(32);
                channel.write(buffer);
                buffer.clear();
                channel.read(buffer);
                if (buffer.getLong(0) != i) {
                    throw new AssertionError("echo " + buffer.getLong(0) + " for request " + i);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
