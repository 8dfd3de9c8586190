package org.danian.driver.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import org.danian.spi.net.Packet;
import org.junit.jupiter.api.Test;

/**
 * The steady state of the data path allocates nothing: receive a burst, steer it, reply, flush
 * (the work the scheduler thread does per packet), measured on this one thread with
 * {@link ThreadMXBean#getThreadAllocatedBytes}.
 */
class DpdkPacketPathAllocationTest {

    private static final int ROUNDS = 20_000;

    @Test
    void receiveSteerReplyAndFlushAllocateNothing() throws IOException {
        MemoryNic nic = new MemoryNic(256);
        TestFrames frames = new TestFrames();
        DpdkPacketDriver driver = new DpdkPacketDriver(nic, TestFrames.DRIVER_IP, new DpdkPacketDriver.Sizes(1472, 64, 32));
        ArrayDeque<Packet> queue = new ArrayDeque<>(128);
        int port = driver.open(new InetSocketAddress(9000));
        driver.attach(port, queue::offer);
        int datagram = frames.datagram(port, new byte[64]);
        TestFrames arpFrames = new TestFrames();
        int arp = arpFrames.arpRequest(TestFrames.DRIVER_IP);
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        run(nic, frames, arpFrames, driver, queue, datagram, arp, ROUNDS); // warm-up: JIT, the sender's address cached
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        run(nic, frames, arpFrames, driver, queue, datagram, arp, ROUNDS);
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        // 180,000 frames: one object per frame would be megabytes; a few hundred bytes once (the
        // JIT's own bookkeeping, as the framework's steady-state tests allow) is not the data path.
        assertTrue(allocated < 1024, allocated + " bytes allocated by " + ROUNDS + " rounds of 8 datagrams and an ARP request");
        assertEquals(2L * ROUNDS * 8, driver.counters().sent());
        assertEquals(2L * ROUNDS, FrameCounts.of(driver.counters())[1], "ARP replies");
        driver.close();
    }

    private static void run(MemoryNic nic, TestFrames frames, TestFrames arpFrames, DpdkPacketDriver driver,
            ArrayDeque<Packet> queue, int length, int arp, int rounds) {
        for (int round = 0; round < rounds; round++) {
            nic.inject(arpFrames.buffer, arp, 1);
            for (int i = 0; i < 8; i++) {
                nic.inject(frames.buffer, length, 1);
            }
            driver.poll();
            Packet packet;
            while ((packet = queue.poll()) != null) {
                packet.reply();
            }
            driver.flush();
            nic.drainTransmitted();
        }
    }
}
