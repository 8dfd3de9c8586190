package org.danian.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A consistent snapshot of the kernel, taken on the scheduler thread between two iterations.
 *
 * @param coreCount number of cores of the kernel's topology
 * @param procs every live proc, in creation order
 * @param activeThreadPick the active thread-pick policy, or null if none is (grants are then
 *     served by the kernel's built-in least-recently-parked rule)
 * @param configuredThreadPick the thread-pick policy the configuration asks for
 * @param activeCoreAllocation the selected core-allocation policy, or null if the configured
 *     one is not installed
 * @param configuredCoreAllocation the core-allocation policy the configuration asks for
 * @param swaps successful thread-pick swaps, including fallbacks
 * @param failedSwaps swaps abandoned because building the new pickers failed
 * @param ejections policies ejected for breaking their contract
 * @param events the most recent policy events (ejections with their reasons, failed swaps,
 *     policies that went away), oldest first; at most {@link #MAX_EVENTS}
 * @param warnings conditions an operator must know of, in words; empty when all is well
 */
public record KernelStatus(int coreCount, List<ProcStatus> procs, String activeThreadPick,
                           String configuredThreadPick, String activeCoreAllocation,
                           String configuredCoreAllocation, long swaps, long failedSwaps,
                           long ejections, List<PolicyEvent> events, List<String> warnings) {

    /** The most events a snapshot carries; older ones are only counted. */
    public static final int MAX_EVENTS = 32;

    /** Copies the lists. */
    public KernelStatus {
        Objects.requireNonNull(configuredThreadPick, "configuredThreadPick");
        Objects.requireNonNull(configuredCoreAllocation, "configuredCoreAllocation");
        procs = List.copyOf(procs);
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }
}
