package org.danian.driver.dpdk;

/**
 * The driver's packets, made once: the free ones, and the replies waiting for the next flush.
 * Both rings hold the whole pool, so giving a packet back or queueing a reply never fails.
 * Any thread may give back or queue (kthreads answering packets); the polling thread takes.
 */
final class DpdkPacketPool {

    private final DpdkPacketRing<DpdkPacket> free;
    private final DpdkPacketRing<DpdkPacket> replies;

    /** @param size packets, a power of two; @param capacity each packet's payload bytes */
    DpdkPacketPool(int size, int capacity) {
        free = new DpdkPacketRing<>(size);
        replies = new DpdkPacketRing<>(size);
        for (int i = 0; i < size; i++) {
            free.offer(new DpdkPacket(this, capacity));
        }
    }

    /** Polling thread: a free packet, or null if sinks hold them all. */
    DpdkPacket takeFree() {
        return free.poll();
    }

    /** Polling thread: the oldest queued reply, or null. */
    DpdkPacket takeReply() {
        return replies.poll();
    }

    void queueReply(DpdkPacket packet) {
        replies.offer(packet);
    }

    void recycle(DpdkPacket packet) {
        packet.clear();
        free.offer(packet);
    }
}
