package org.danian.kernel;

import java.util.Objects;

import org.danian.spi.net.DriverCounters;

/**
 * The kernel's packet driver in a {@link KernelStatus} snapshot.
 *
 * @param configured the driver the setting {@link KernelSettings#packetDriver()} names
 * @param installed whether a driver service of that name is bound to the kernel
 * @param openPorts the ports open on it now
 * @param counters its counters since it was bound (all zero while none is)
 * @param unanswered packets whose handler returned without replying or releasing them (the
 *     kernel released them): a workload's contract breach, counted, not thrown
 */
public record DriverStatus(String configured, boolean installed, int openPorts, DriverCounters counters,
                           long unanswered) {

    /** Checks the mandatory fields. */
    public DriverStatus {
        Objects.requireNonNull(configured, "configured");
        Objects.requireNonNull(counters, "counters");
    }
}
