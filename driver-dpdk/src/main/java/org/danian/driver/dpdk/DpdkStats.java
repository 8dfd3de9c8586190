package org.danian.driver.dpdk;

import java.util.concurrent.atomic.AtomicLongArray;
import org.danian.spi.net.DriverCounters;

/**
 * The driver's counters. The polling thread is their only writer, so an increment is a read
 * and an ordered store ({@code lazySet}), no atomic read-modify-write; any thread reads a
 * snapshot. Besides the SPI's {@link DriverCounters}, it counts the frames that carry no
 * datagram for this host: ARP requests answered, and everything else ({@code other}: IPv6,
 * IPv4 to other addresses or of other protocols, other ARP). So every frame taken from the
 * NIC is counted once: {@code frames == received + arpReplies + other}.
 */
final class DpdkStats {

    static final int RECEIVED = 0;
    static final int DELIVERED = 1;
    static final int SENT = 2;
    static final int MALFORMED = 3;
    static final int TRUNCATED = 4;
    static final int OVERSIZED = 5;
    static final int UNROUTABLE = 6;
    static final int INGRESS_FULL = 7;
    static final int NO_BUFFER = 8;
    static final int TRANSMIT_FAILED = 9;
    static final int FRAMES = 10;
    static final int ARP_REPLIES = 11;
    static final int OTHER = 12;

    private final AtomicLongArray values = new AtomicLongArray(13);

    void bump(int counter) {
        values.lazySet(counter, values.get(counter) + 1);
    }

    void add(int counter, long delta) {
        values.lazySet(counter, values.get(counter) + delta);
    }

    long get(int counter) {
        return values.get(counter);
    }

    DriverCounters snapshot() {
        return new DriverCounters(get(RECEIVED), get(DELIVERED), get(SENT), get(MALFORMED), get(TRUNCATED),
                get(OVERSIZED), get(UNROUTABLE), get(INGRESS_FULL), get(NO_BUFFER), get(TRANSMIT_FAILED));
    }
}
