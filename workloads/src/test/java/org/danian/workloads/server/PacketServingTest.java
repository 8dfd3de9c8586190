package org.danian.workloads.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.ArrayBlockingQueue;
import org.danian.framework.net.KernelUdpDriver;
import org.danian.framework.net.UdpDriverConfig;
import org.danian.spi.net.Packet;
import org.danian.workloads.protocol.SyntheticWire;
import org.danian.workloads.synthetic.StridedMemWork;
import org.danian.workloads.synthetic.SyntheticHandler;
import org.junit.jupiter.api.Test;

/**
 * The synthetic handler behind the framework's packet driver, with a queue as the ingress and
 * a worker thread draining it, as the engine's proc will: the same handler the baseline runs.
 */
class PacketServingTest {

    @Test
    void aHandlerServesDriverPacketsInPlace() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        HandlerCounters counters = new HandlerCounters();
        SyntheticHandler handler = new SyntheticHandler(new StridedMemWork(1), counters, 100_000);
        ArrayBlockingQueue<Packet> ingress = new ArrayBlockingQueue<>(64);
        try (KernelUdpDriver driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
                DatagramChannel client = DatagramChannel.open().bind(new InetSocketAddress(loopback, 0))) {
            int port = driver.open(new InetSocketAddress(loopback, 0));
            driver.attach(port, ingress::offer);
            Thread worker = new Thread(() -> {
                try {
                    for (int i = 0; i < 3; i++) {
                        PacketServing.serve(handler, ingress.take());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            ByteBuffer request = ByteBuffer.allocate(SyntheticWire.SIZE);
            for (int i = 0; i < 2; i++) {
                SyntheticWire.write(request.clear(), 100, i, 5);
                client.send(request, new InetSocketAddress(loopback, port));
            }
            client.send(ByteBuffer.allocate(3), new InetSocketAddress(loopback, port)); // malformed
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (driver.counters().sent() < 2 || counters.snapshot().received() < 3) {
                assertTrue(System.nanoTime() < deadline, driver.counters().toString());
                driver.poll();
                driver.flush();
            }
            worker.join();

            ByteBuffer reply = ByteBuffer.allocate(64);
            for (int i = 0; i < 2; i++) {
                reply.clear();
                client.receive(reply);
                assertEquals(SyntheticWire.SIZE, reply.position());
                assertEquals(i, SyntheticWire.index(reply));
            }
            assertEquals(new HandlerStats(2, 0, 1, 0, 0, 0), counters.snapshot());
        }
    }
}
