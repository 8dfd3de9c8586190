package org.danian.kernel;

import java.util.List;
import java.util.Objects;

/**
 * A consistent snapshot of the kernel, taken on the scheduler thread between two iterations.
 *
 * @param settings the engine's settings in effect (read when the kernel started)
 * @param coreCount number of cores of the kernel's topology
 * @param procs every live proc, in creation order
 * @param threadPick the thread-pick slot
 * @param coreAllocation the core-allocation slot
 * @param packets the packet driver
 * @param events the most recent policy events (ejections with their reasons, failed swaps,
 *     policies that went away), oldest first; at most {@link #MAX_EVENTS}
 * @param warnings conditions an operator must know of, in words; empty when all is well
 * @param pinning whether the threads are pinned and why (the {@code pinThreads} setting, or
 *     for {@code auto} what the machine reserves)
 * @param priority the nice value the threads run at and why (the {@code threadNice} setting,
 *     or the error that refused it)
 */
public record KernelStatus(KernelSettings settings, int coreCount, List<ProcStatus> procs,
                           PolicySlotStatus threadPick, PolicySlotStatus coreAllocation, DriverStatus packets,
                           List<PolicyEvent> events, List<String> warnings, Pinning pinning,
                           ThreadPriority priority) {

    /** A snapshot whose priority is what {@code settings} asks, not yet set. */
    public KernelStatus(KernelSettings settings, int coreCount, List<ProcStatus> procs,
                        PolicySlotStatus threadPick, PolicySlotStatus coreAllocation, DriverStatus packets,
                        List<PolicyEvent> events, List<String> warnings, Pinning pinning) {
        this(settings, coreCount, procs, threadPick, coreAllocation, packets, events, warnings, pinning,
                ThreadPriority.undecided(settings.threadNice()));
    }

    /** A snapshot whose pinning is what {@code settings} says, without a reason of the machine's. */
    public KernelStatus(KernelSettings settings, int coreCount, List<ProcStatus> procs,
                        PolicySlotStatus threadPick, PolicySlotStatus coreAllocation, DriverStatus packets,
                        List<PolicyEvent> events, List<String> warnings) {
        this(settings, coreCount, procs, threadPick, coreAllocation, packets, events, warnings,
                new Pinning(settings.pinning(), settings.pinThreads(), "pinThreads=" + settings.pinning()));
    }

    /** A copy with the pinning decision the kernel took at start. */
    public KernelStatus withPinning(Pinning decided) {
        return new KernelStatus(settings, coreCount, procs, threadPick, coreAllocation, packets, events, warnings,
                decided, priority);
    }

    /** A copy with the nice value the threads run at. */
    public KernelStatus withPriority(ThreadPriority outcome) {
        return new KernelStatus(settings, coreCount, procs, threadPick, coreAllocation, packets, events, warnings,
                pinning, outcome);
    }

    /** The most events a snapshot carries; older ones are only counted. */
    public static final int MAX_EVENTS = 32;

    /** Copies the lists. */
    public KernelStatus {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(threadPick, "threadPick");
        Objects.requireNonNull(coreAllocation, "coreAllocation");
        Objects.requireNonNull(packets, "packets");
        Objects.requireNonNull(pinning, "pinning");
        Objects.requireNonNull(priority, "priority");
        procs = List.copyOf(procs);
        events = List.copyOf(events);
        warnings = List.copyOf(warnings);
    }

    /** The slot of {@code kind}. */
    public PolicySlotStatus slot(PolicyKind kind) {
        return kind == PolicyKind.THREAD_PICK ? threadPick : coreAllocation;
    }
}
