package org.danian.driver.dpdk;

import org.danian.spi.net.DriverCounters;

/** The frame counters a {@link DpdkPacketDriver} reports in {@link DriverCounters#driverSpecific()}. */
final class FrameCounts {

    private FrameCounts() {
    }

    /** Frames taken from the NIC, ARP requests answered, other frames, and frames the NIC missed (-1 if unknown). */
    static long[] of(DriverCounters counters) {
        return new long[] {counters.driverSpecific().get(DpdkStats.FRAMES_NAME),
            counters.driverSpecific().get(DpdkStats.ARP_REPLIES_NAME), counters.driverSpecific().get(DpdkStats.OTHER_NAME),
            counters.driverSpecific().getOrDefault(DpdkStats.NIC_MISSED_NAME, -1L)};
    }
}
