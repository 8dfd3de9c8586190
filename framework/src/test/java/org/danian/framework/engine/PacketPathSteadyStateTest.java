package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.CompletableFuture;

import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.framework.net.PacketRing;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.Test;

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

    @Test
    void receiveSteerHandleReplyAndTransmitAllocateNothingPerPacket() throws Exception {
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
        try (KernelUdpDriver driver = new KernelUdpDriver()) {
            int port = driver.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            driver.attach(port, new ProcPacketSink(proc, packet -> packet.reply(), tasks));
            serve(driver, proc, port, PACKETS); // warm-up
            long thread = Thread.currentThread().getId();
            long allocated = Long.MAX_VALUE;
            for (int window = 0; window < WINDOWS; window++) {
                long before = threads.getThreadAllocatedBytes(thread);
                serve(driver, proc, port, PACKETS);
                allocated = Math.min(allocated, threads.getThreadAllocatedBytes(thread) - before);
            }
            assertEquals((long) (WINDOWS + 1) * PACKETS, driver.counters().sent(), driver.counters()::toString);
            assertEquals(0, metrics.packetsUnanswered());
            assertTrue(allocated < 1024, allocated + " bytes allocated for " + PACKETS
                    + " packets (the least of " + WINDOWS + " windows)");
        }
    }

    /** Plays the loop and the kthread until a client thread has had {@code packets} echoes. */
    private static void serve(KernelUdpDriver driver, ProcRuntime proc, int port, int packets) throws Exception {
        CompletableFuture<Void> client = CompletableFuture.runAsync(() -> pingPong(port, packets));
        while (!client.isDone()) {
            driver.poll();
            for (Runnable task = proc.ingress().poll(); task != null; task = proc.ingress().poll()) {
                task.run();
            }
            driver.flush();
        }
        client.get();
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
