package org.danian.kernel;

import java.util.Objects;

/**
 * The slot of one policy kind in a {@link KernelStatus} snapshot (see {@link KernelAdmin}).
 *
 * @param kind which seam
 * @param configured the name the configuration (or the last explicit swap) asks for
 * @param active the name of the active policy, or null if none is
 * @param swaps successful swaps of this slot since the kernel started, the first activation
 *     and fallbacks included
 * @param failedSwaps swaps abandoned because building the new policy's state failed
 * @param ejections policies of this kind ejected for breaking their contract
 */
public record PolicySlotStatus(PolicyKind kind, String configured, String active, long swaps, long failedSwaps,
                               long ejections) {

    /** Checks the mandatory fields. */
    public PolicySlotStatus {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(configured, "configured");
    }
}
