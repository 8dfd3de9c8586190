package org.danian.framework.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.Packet;
import org.danian.spi.net.PacketSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The kernel UDP driver on loopback: steering, drops and their counters, bursts, replies. */
class KernelUdpDriverTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private KernelUdpDriver driver;
    private DatagramChannel client;

    @BeforeEach
    void openClient() throws IOException {
        client = DatagramChannel.open().bind(new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterEach
    void closeAll() throws IOException {
        client.close();
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void steersEachPacketToTheSinkOfItsDestinationPort() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int portA = driver.open(new InetSocketAddress(LOOPBACK, 0));
        int portB = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sinkA = new HoldingSink();
        HoldingSink sinkB = new HoldingSink();
        driver.attach(portA, sinkA);
        driver.attach(portB, sinkB);

        send(portA, "a1");
        send(portB, "b1");
        send(portA, "a2");
        pollUntil(() -> sinkA.held.size() == 2 && sinkB.held.size() == 1);

        assertEquals(List.of("a1", "a2"), sinkA.texts());
        assertEquals(List.of("b1"), sinkB.texts());
        assertEquals(portA, sinkA.held.get(0).localPort());
        assertEquals(portB, sinkB.held.get(0).localPort());
        assertEquals(client.getLocalAddress(), sinkA.held.get(0).remote());
        DriverCounters counters = driver.counters();
        assertEquals(3, counters.received());
        assertEquals(3, counters.delivered());
        assertEquals(0, counters.dropped());
    }

    @Test
    void awaitDeliversTheDatagramThatEndsTheWait() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);

        send(port, "wake");
        int received = 0;
        while (received == 0) {
            received = driver.await(1_000_000_000L);
        }

        assertEquals(1, received);
        assertEquals(List.of("wake"), sink.texts());
    }

    @Test
    void kthreadsMayWaitInTheDriverForTheConfiguredLingerAndANegativeOneIsRefused() {
        assertEquals(UdpDriverConfig.DEFAULT_RECEIVE_LINGER_MICROS * 1_000,
                new KernelUdpDriver(UdpDriverConfig.DEFAULT).kthreadPollLingerNanos());
        assertEquals(0, new KernelUdpDriver(UdpDriverConfig.DEFAULT, 0).kthreadPollLingerNanos());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new KernelUdpDriver(UdpDriverConfig.DEFAULT, -5));
        assertTrue(refused.getMessage().contains("-5"), refused.getMessage());
    }

    @Test
    void aConfiguredLingerOutsideItsRangeFallsBackToTheDefault() {
        assertEquals(5_000_000, activated(5_000).kthreadPollLingerNanos());
        assertEquals(0, activated(0).kthreadPollLingerNanos());
        long fallback = UdpDriverConfig.DEFAULT_RECEIVE_LINGER_MICROS * 1_000;
        assertEquals(fallback, activated(-1).kthreadPollLingerNanos());
        assertEquals(fallback, activated(UdpDriverConfig.MAX_RECEIVE_LINGER_MICROS + 1).kthreadPollLingerNanos());
        List<String> warnings = new ArrayList<>();
        assertEquals(fallback, UdpDriverConfig.receiveLingerNanos(-7, warnings::add));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("kthreadReceiveLingerMicros=-7"), warnings.get(0));
        assertEquals(2_000, UdpDriverConfig.receiveLingerNanos(2, warnings::add));
        assertEquals(1, warnings.size(), "a value in range is not refused");
    }

    /** A driver activated by DS with the default sizes and this receive linger. */
    private static KernelUdpDriver activated(long lingerMicros) {
        KernelUdpConfig settings = (KernelUdpConfig) java.lang.reflect.Proxy.newProxyInstance(
                KernelUdpConfig.class.getClassLoader(), new Class<?>[] {KernelUdpConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "poolSize" -> UdpDriverConfig.DEFAULT_POOL_SIZE;
                    case "socketBufferBytes" -> UdpDriverConfig.DEFAULT_SOCKET_BUFFER_BYTES;
                    case "kthreadsTransmit" -> true;
                    case "kthreadReceiveLingerMicros" -> lingerMicros;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        KernelUdpDriver activated = new KernelUdpDriver();
        activated.activate(settings);
        return activated;
    }

    @Test
    void itsPidHasNoHyphenSoALoadFolderCfgIsNotTakenForAFactoryConfiguration() {
        // FileInstall and the launcher read <pid>-<name>.cfg as a factory configuration: with a
        // hyphen, load/<pid>.cfg configured a factory PID the driver never reads.
        assertFalse(KernelUdpConfig.PID.contains("-"), KernelUdpConfig.PID);
    }

    /** The polling role moves to another thread and back, as the kernel's polling baton moves it. */
    @Test
    void theSelectorServesWhicheverThreadPollsNow() throws Exception {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        send(port, "first");
        pollUntil(() -> sink.held.size() == 1);

        int[] taken = new int[1];
        Thread other = new Thread(() -> {
            while (taken[0] == 0) {
                taken[0] = driver.await(1_000_000_000L);
            }
        });
        other.start();
        send(port, "second");
        other.join(30_000);
        assertFalse(other.isAlive(), "the datagram did not end the other thread's wait");
        assertEquals(1, taken[0]);
        send(port, "third");
        pollUntil(() -> sink.held.size() == 3);
        assertEquals(List.of("first", "second", "third"), sink.texts());
    }

    @Test
    void wakeupEndsTheNextAwaitWithoutADatagram() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        driver.open(new InetSocketAddress(LOOPBACK, 0));

        driver.wakeup(); // a waker that ran just before the wait: the wait must not block
        int received = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> driver.await(600_000_000_000L));

        assertEquals(0, received);
    }

    @Test
    void countsPacketsForAnOpenPortWithoutSinkAsUnroutable() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        driver.detach(port);

        send(port, "x");
        send(port, "y");
        pollUntil(() -> driver.counters().received() == 2);

        assertEquals(2, driver.counters().unroutable());
        assertEquals(0, driver.counters().delivered());
        assertTrue(sink.held.isEmpty());
    }

    @Test
    void countsOversizedAndTruncatedDatagramsAndKeepsDelivering() throws IOException {
        driver = new KernelUdpDriver(new UdpDriverConfig(256, 8, 32, 1024, 1 << 20));
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);

        client.send(ByteBuffer.allocate(300), new InetSocketAddress(LOOPBACK, port));
        client.send(ByteBuffer.allocate(5000), new InetSocketAddress(LOOPBACK, port));
        client.send(ByteBuffer.allocate(256), new InetSocketAddress(LOOPBACK, port));
        pollUntil(() -> driver.counters().received() == 3);

        DriverCounters counters = driver.counters();
        assertEquals(1, counters.oversized());
        assertEquals(1, counters.truncated());
        assertEquals(1, counters.delivered());
        assertEquals(256, sink.held.get(0).payload().remaining());
    }

    @Test
    void pollTakesAtMostOneBurst() throws IOException {
        driver = new KernelUdpDriver(new UdpDriverConfig(64, 16, 4, 128, 1 << 20));
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        for (int i = 0; i < 10; i++) {
            send(port, "m" + i);
        }
        List<Integer> bursts = new ArrayList<>();
        pollUntil(() -> sink.held.size() == 10, bursts);

        assertEquals(List.of(4, 4, 2), bursts);
        assertEquals(List.of("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9"), sink.texts());
    }

    @Test
    void transmitsRepliesFromTheReceivingPortToTheSenderAtFlush() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT.withKthreadsTransmit(false));
        assertFalse(driver.kthreadsMayTransmit());
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        send(port, "ping");
        pollUntil(() -> sink.held.size() == 1);

        Packet packet = sink.held.get(0);
        packet.payload().clear();
        packet.payload().put("pong!".getBytes()).flip();
        packet.reply();
        assertEquals(0, driver.counters().sent(), "nothing leaves before the flush");
        assertEquals(1, driver.flush());

        ByteBuffer reply = ByteBuffer.allocate(64);
        InetSocketAddress from = (InetSocketAddress) client.receive(reply);
        assertEquals(port, from.getPort());
        assertEquals("pong!", new String(reply.array(), 0, reply.position()));
        assertEquals(1, driver.counters().sent());
    }

    @Test
    void aReplyFromAClosedPortCountsAsFailed() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT.withKthreadsTransmit(false));
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        send(port, "late");
        pollUntil(() -> sink.held.size() == 1);

        driver.close(port);
        sink.held.get(0).reply();

        assertEquals(0, driver.flush());
        assertEquals(1, driver.counters().transmitFailed());
    }

    @Test
    void refusedPacketsAreCountedAndTheirBuffersReused() throws IOException {
        driver = new KernelUdpDriver(new UdpDriverConfig(64, 2, 32, 128, 1 << 20));
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        driver.attach(port, packet -> false);
        for (int i = 0; i < 5; i++) {
            send(port, "r" + i);
        }
        pollUntil(() -> driver.counters().received() == 5);
        assertEquals(5, driver.counters().ingressFull());

        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        send(port, "after");
        pollUntil(() -> sink.held.size() == 1);
        assertEquals(List.of("after"), sink.texts());
    }

    @Test
    void anAnsweringThreadTransmitsItsReplyAtOnceWithoutAFlush() throws Exception {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        assertTrue(driver.kthreadsMayTransmit());
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        send(port, "ping");
        pollUntil(() -> sink.held.size() == 1);

        Packet packet = sink.held.get(0);
        Thread kthread = new Thread(() -> {
            packet.payload().clear();
            packet.payload().put("pong".getBytes()).flip();
            packet.reply();
        });
        kthread.start();
        kthread.join();

        ByteBuffer reply = ByteBuffer.allocate(64);
        InetSocketAddress from = (InetSocketAddress) client.receive(reply);
        assertEquals(port, from.getPort());
        assertEquals("pong", new String(reply.array(), 0, reply.position()));
        assertEquals(1, driver.counters().sent(), "sent by the answering thread, before any flush");
        assertEquals(0, driver.flush(), "nothing was left queued for the polling thread");
    }

    @Test
    void aFullPoolLeavesDatagramsInTheSocketAndLosesNoneOnceDrained() throws IOException {
        driver = new KernelUdpDriver(new UdpDriverConfig(64, 2, 32, 128, 1 << 20));
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        for (int i = 0; i < 5; i++) {
            send(port, "p" + i);
        }
        pollUntil(() -> sink.held.size() == 2);
        for (int i = 0; i < 10; i++) {
            driver.poll(); // the pool stays empty: the other three must stay in the socket
        }
        DriverCounters heldBack = driver.counters();
        assertEquals(2, heldBack.received());
        assertEquals(0, heldBack.dropped());
        assertTrue(heldBack.backpressured() > 0, heldBack::toString);

        List<String> served = new ArrayList<>();
        for (int count = 0; count < 5; count++) {
            int next = count;
            pollUntil(() -> sink.held.size() > next);
            served.add(sink.texts().get(count)); // before the release: its buffer is then reused
            sink.held.get(count).release();
        }
        assertEquals(List.of("p0", "p1", "p2", "p3", "p4"), served);
        DriverCounters drained = driver.counters();
        assertEquals(5, drained.delivered());
        assertEquals(0, drained.dropped());
        assertEquals(0, drained.systemDrops());
    }

    @Test
    void aSinkWithoutRoomKeepsItsPortUnreadWhileOtherPortsFlow() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int full = driver.open(new InetSocketAddress(LOOPBACK, 0));
        int open = driver.open(new InetSocketAddress(LOOPBACK, 0));
        GatedSink gated = new GatedSink();
        HoldingSink flowing = new HoldingSink();
        driver.attach(full, gated);
        driver.attach(open, flowing);
        send(full, "waits");
        send(open, "flows");
        pollUntil(() -> flowing.held.size() == 1);
        for (int i = 0; i < 10; i++) {
            driver.poll();
        }
        assertTrue(gated.held.isEmpty(), "a sink without room was given a packet");

        gated.room = true;
        pollUntil(() -> gated.held.size() == 1);
        assertEquals(List.of("waits"), gated.texts());
        assertEquals(0, driver.counters().dropped());
    }

    @Test
    void awaitWhileHeldBackEndsAtItsTimeoutAndDeliversOnceRoomComes() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        GatedSink gated = new GatedSink();
        driver.attach(port, gated);
        send(port, "later");
        pollUntil(() -> driver.counters().backpressured() > 0);

        int received = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> driver.await(1_000_000L));
        assertEquals(0, received);
        gated.room = true;
        pollUntil(() -> gated.held.size() == 1);
    }

    @Test
    void countsWhatLinuxDroppedWhenTheSocketBufferOverflowed() throws IOException {
        // The smallest receive buffer Linux grants (it doubles the request, with a floor of a
        // few KiB), a pool of two, and nobody answering: everything beyond it is Linux's drop.
        driver = new KernelUdpDriver(new UdpDriverConfig(64, 2, 32, 128, 1024));
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        driver.attach(port, new HoldingSink());
        for (int i = 0; i < 2_000; i++) {
            send(port, "flood" + i);
        }
        pollUntil(() -> driver.counters().received() == 2);
        DriverCounters counters = driver.counters();
        assertTrue(counters.systemDrops() > 0, counters::toString);
        assertEquals(0, counters.dropped(), "the driver itself dropped nothing");
    }

    @Test
    void aSecondReleaseOfTheSamePacketIsRefused() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        HoldingSink sink = new HoldingSink();
        driver.attach(port, sink);
        send(port, "once");
        pollUntil(() -> sink.held.size() == 1);

        Packet packet = sink.held.get(0);
        packet.release();
        assertThrows(IllegalStateException.class, packet::release);
    }

    @Test
    void callerMistakesNameTheBadValue() throws IOException {
        driver = new KernelUdpDriver(UdpDriverConfig.DEFAULT);
        int port = driver.open(new InetSocketAddress(LOOPBACK, 0));
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> driver.open(new InetSocketAddress(LOOPBACK, port)));
        assertTrue(twice.getMessage().contains(Integer.toString(port)));
        IllegalArgumentException notOpen = assertThrows(IllegalArgumentException.class,
                () -> driver.attach(1, packet -> true));
        assertTrue(notOpen.getMessage().contains("1"));
        assertThrows(IllegalArgumentException.class,
                () -> new UdpDriverConfig(64, 3, 32, 128, 1 << 20));
        driver.close();
        assertEquals(0, driver.poll());
        assertThrows(IllegalStateException.class, () -> driver.open(new InetSocketAddress(LOOPBACK, 0)));
    }

    private void send(int port, String text) throws IOException {
        client.send(ByteBuffer.wrap(text.getBytes()), new InetSocketAddress(LOOPBACK, port));
    }

    /** Polls as the scheduler loop would, until the condition holds (or fails after 5 s). */
    private void pollUntil(BooleanSupplier done) {
        pollUntil(done, new ArrayList<>());
    }

    private void pollUntil(BooleanSupplier done, List<Integer> bursts) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached; counters " + driver.counters());
            int n = driver.poll();
            if (n > 0) {
                bursts.add(n);
            }
            Thread.onSpinWait();
        }
    }

    /** A holding sink whose room the test opens. */
    private static final class GatedSink extends HoldingSink {
        volatile boolean room;

        @Override
        public boolean hasRoom() {
            return room;
        }
    }

    /** A sink that keeps every packet, as a proc's ingress queue would until served. */
    private static class HoldingSink implements PacketSink {
        final List<Packet> held = new ArrayList<>();

        @Override
        public boolean offer(Packet packet) {
            held.add(packet);
            return true;
        }

        List<String> texts() {
            List<String> texts = new ArrayList<>();
            for (Packet packet : held) {
                ByteBuffer payload = packet.payload().duplicate();
                byte[] bytes = new byte[payload.remaining()];
                payload.get(bytes);
                texts.add(new String(bytes));
            }
            return texts;
        }
    }
}
