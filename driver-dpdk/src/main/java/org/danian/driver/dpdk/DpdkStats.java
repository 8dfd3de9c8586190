package org.danian.driver.dpdk;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import org.danian.spi.net.DriverCounters;

/**
 * The driver's counters. The polling thread is their only writer, so an increment is a read
 * and an ordered store ({@code lazySet}), no atomic read-modify-write; any thread reads a
 * snapshot. Besides the SPI's {@link DriverCounters}, it counts the frames that carry no
 * datagram for this host: ARP requests answered, and everything else ({@code other}: IPv6,
 * IPv4 to other addresses or of other protocols, other ARP). So every frame taken from the
 * NIC is counted once: {@code frames == received + arpReplies + other}. These travel in the
 * snapshot's {@link DriverCounters#driverSpecific()}, which {@code danian:status} shows, with
 * the frames the NIC missed ({@code nicMissed}, DPDK's {@code imissed}) when it says.
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
    static final int BAD_CHECKSUM = 13;

    /** Names of the driver's own counters in {@link DriverCounters#driverSpecific()}. */
    static final String FRAMES_NAME = "frames";
    static final String ARP_REPLIES_NAME = "arpReplies";
    static final String OTHER_NAME = "other";
    static final String NIC_MISSED_NAME = "nicMissed";

    private final AtomicLongArray values = new AtomicLongArray(14);

    void bump(int counter) {
        values.lazySet(counter, values.get(counter) + 1);
    }

    void add(int counter, long delta) {
        values.lazySet(counter, values.get(counter) + delta);
    }

    long get(int counter) {
        return values.get(counter);
    }

    /** The counters now; {@code nicMissed} is left out when negative (the NIC does not say). Any thread. */
    DriverCounters snapshot(long nicMissed) {
        Map<String, Long> own = new LinkedHashMap<>();
        own.put(FRAMES_NAME, get(FRAMES));
        own.put(ARP_REPLIES_NAME, get(ARP_REPLIES));
        own.put(OTHER_NAME, get(OTHER));
        if (nicMissed >= 0) {
            own.put(NIC_MISSED_NAME, nicMissed);
        }
        return new DriverCounters(get(RECEIVED), get(DELIVERED), get(SENT), get(MALFORMED), get(TRUNCATED),
                get(OVERSIZED), get(UNROUTABLE), get(INGRESS_FULL), get(NO_BUFFER), get(TRANSMIT_FAILED), 0, 0,
                get(BAD_CHECKSUM), own);
    }
}
