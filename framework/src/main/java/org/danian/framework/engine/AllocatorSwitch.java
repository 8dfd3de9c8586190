package org.danian.framework.engine;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.kernel.PolicyKind;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocator;

/**
 * The active core allocator, its hot swap and its failsafe, the counterparts of
 * {@link PolicySwitch} and {@link Failsafe} for the core-allocation seam (ARCHITECTURE §4).
 *
 * <p><b>Swap.</b> A new allocator is created and every live proc attached, in creation
 * order; cores keep their owners (the allocator reads them through the context). If creating
 * or any attach throws or refuses, the swap is abandoned and the old allocator stays.
 * <b>Failsafe.</b> Every call is guarded: an allocator that throws is ejected, logged once,
 * counted, and replaced by the last good allocator, else {@code simple}, else none (then live
 * procs get no cores, and the status says so). Grants it made before failing stand.
 *
 * <p>Scheduler thread only. The guards are try/catch around each call: free when nothing
 * throws, so the loop's common path pays nothing.
 */
final class AllocatorSwitch {

    private static final int HISTORY = 16;

    private final ProcTable table;
    private final PolicyRegistry registry;
    private final PolicyEvents events;
    private final System.Logger logger;
    private final AllocationContext context;
    private final EngineCounters counters;
    private final Set<PolicyEntry> ejected = new HashSet<>();
    private final ArrayDeque<PolicyEntry> lastGood = new ArrayDeque<>();
    private String target;
    private PolicyEntry activeEntry;
    private CoreAllocator active;

    AllocatorSwitch(ProcTable table, PolicyRegistry registry, PolicyEvents events, System.Logger logger,
                    AllocationContext context, EngineCounters counters, String target) {
        this.table = table;
        this.registry = registry;
        this.events = events;
        this.logger = logger;
        this.context = context;
        this.counters = counters;
        this.target = target;
    }

    PolicyEntry activeEntry() {
        return activeEntry;
    }

    String target() {
        return target;
    }

    boolean isEjected(PolicyEntry entry) {
        return ejected.contains(entry);
    }

    void configure(String coreAllocation) {
        target = coreAllocation;
        reconcile();
    }

    /** Rungs: the active one left → fall back; the target is installed and usable → swap to it. */
    void reconcile() {
        if (activeEntry != null && !registry.contains(activeEntry)) {
            PolicyEntry gone = activeEntry;
            drop(gone);
            PolicyEntry fallback = climbLadder();
            events.unregistered(gone.name(), nameOf(fallback));
            logger.log(Level.INFO, gone + " went away; core allocation now " + describe(fallback));
        }
        PolicyEntry wanted = registry.find(PolicyKind.CORE_ALLOCATION, target, entry -> !ejected.contains(entry));
        if (wanted != null && wanted != activeEntry && install(wanted) == null) {
            return;
        }
        if (active == null) {
            climbLadder();
        }
    }

    /** Builds {@code entry}'s allocator with every live proc attached; null on success, else why. */
    String install(PolicyEntry entry) {
        CoreAllocator candidate;
        try {
            candidate = build(entry);
        } catch (PolicyFault fault) {
            counters.failedAllocatorSwaps++;
            events.swapFailed(entry.name(), fault.getMessage(), nameOf(activeEntry));
            logger.log(Level.WARNING, "swap to " + entry + " failed, core allocation stays "
                    + describe(activeEntry) + ": " + fault.getMessage(), fault.getCause());
            return fault.getMessage();
        }
        if (activeEntry != null) {
            lastGood.remove(activeEntry);
            lastGood.addFirst(activeEntry);
            if (lastGood.size() > HISTORY) {
                lastGood.removeLast();
            }
        }
        lastGood.remove(entry);
        activeEntry = entry;
        active = candidate;
        counters.allocatorSwaps++;
        return null;
    }

    private CoreAllocator build(PolicyEntry entry) {
        CoreAllocator candidate;
        try {
            candidate = entry.coreAllocationPolicy().newAllocator(context);
        } catch (Throwable thrown) {
            throw PolicyFault.of("newAllocator()", thrown);
        }
        if (candidate == null) {
            throw new PolicyFault("newAllocator() returned null");
        }
        List<ProcEntry> procs = table.procs();
        for (int i = 0; i < procs.size(); i++) {
            ProcEntry proc = procs.get(i);
            if (proc.runtime == null) {
                continue;
            }
            boolean accepted;
            try {
                accepted = candidate.attach(proc);
            } catch (Throwable thrown) {
                throw PolicyFault.of("attach(" + proc + ")", thrown);
            }
            if (!accepted) {
                throw new PolicyFault("attach(" + proc + ") refused a proc that is already running");
            }
        }
        return candidate;
    }

    private void drop(PolicyEntry entry) {
        lastGood.remove(entry);
        activeEntry = null;
        active = null;
    }

    private PolicyEntry climbLadder() {
        // Rung 1: the most recently replaced allocator still installed and never ejected.
        for (PolicyEntry candidate : List.copyOf(lastGood)) {
            if (registry.contains(candidate) && !ejected.contains(candidate) && install(candidate) == null) {
                return candidate;
            }
        }
        // Rung 2: simple, the kernel's own (Caladan's default).
        PolicyEntry simple = registry.find(PolicyKind.CORE_ALLOCATION, SimpleAllocationPolicy.NAME,
                entry -> !ejected.contains(entry));
        if (simple != null && install(simple) == null) {
            return simple;
        }
        // Rung 3: none; live procs get no cores until an allocator is installed.
        return null;
    }

    /** The active allocator threw: eject it and fall back. */
    private void eject(String during, Throwable thrown) {
        PolicyFault fault = PolicyFault.of(during, thrown); // rethrows fatal errors
        PolicyEntry faulty = activeEntry;
        ejected.add(faulty);
        drop(faulty);
        PolicyEntry fallback = climbLadder();
        counters.allocatorEjections++;
        events.ejected(faulty.name(), fault.getMessage(), nameOf(fallback));
        logger.log(Level.WARNING, "ejected " + faulty + ": " + fault.getMessage() + "; core allocation now "
                + describe(fallback), thrown);
    }

    /** A new live proc; false if the allocator refuses it. */
    boolean attach(ProcEntry proc) {
        if (active == null) {
            return true;
        }
        try {
            return active.attach(proc);
        } catch (Throwable thrown) {
            eject("attach(" + proc + ")", thrown); // the fallback attached every live proc, this one too
            return true;
        }
    }

    void detach(ProcEntry proc) {
        if (active != null) {
            try {
                active.detach(proc);
            } catch (Throwable thrown) {
                eject("detach(" + proc + ")", thrown);
            }
        }
    }

    void congestion(ProcEntry proc, boolean congested, long delayNanos) {
        if (active != null) {
            try {
                active.congestion(proc, congested, delayNanos);
            } catch (Throwable thrown) {
                eject("congestion(" + proc + ")", thrown);
            }
        }
    }

    void coreNeeded(ProcEntry proc) {
        if (active != null) {
            try {
                active.coreNeeded(proc);
            } catch (Throwable thrown) {
                eject("coreNeeded(" + proc + ")", thrown);
            }
        }
    }

    /** The policy pass; after an ejection the fallback polls the cores that are still idle. */
    void poll(long nowNanos, NewlyIdleCores newlyIdle) {
        if (active == null) {
            return;
        }
        try {
            active.poll(nowNanos, newlyIdle);
        } catch (Throwable thrown) {
            eject("poll()", thrown);
            newlyIdle.retainIdle(table);
            poll(nowNanos, newlyIdle);
        }
    }

    private static String nameOf(PolicyEntry entry) {
        return entry == null ? null : entry.name();
    }

    private static String describe(PolicyEntry entry) {
        return entry == null ? "none (live procs get no cores)" : "'" + entry.name() + "'";
    }
}
