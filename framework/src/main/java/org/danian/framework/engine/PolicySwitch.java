package org.danian.framework.engine;

import java.util.List;

import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.danian.spi.pick.ThreadPicker;

/**
 * Which thread-pick policy is active, which one the configuration (or the last explicit swap)
 * asks for, and the transactional switch between them. Scheduler thread only.
 *
 * <p>A switch installs a new picker in every live proc at once ({@link PickerSwap}); if
 * building fails, the current pickers stay and the failure is counted with its reason. The
 * {@link Failsafe} decides where to go when the active policy breaks or leaves.
 */
final class PolicySwitch {

    private final ProcTable table;
    private final PolicyRegistry registry;
    private final PolicyEvents events;
    private final Failsafe failsafe;
    private PolicyEntry active;
    private String target;

    PolicySwitch(ProcTable table, PolicyRegistry registry, PolicyEvents events, System.Logger logger,
                 String target) {
        this.table = table;
        this.registry = registry;
        this.events = events;
        this.target = target;
        this.failsafe = new Failsafe(this, registry, events, logger);
    }

    Failsafe failsafe() {
        return failsafe;
    }

    /** The active policy, or null while grants use the kernel's built-in rule. */
    PolicyEntry active() {
        return active;
    }

    /** The thread-pick policy the kernel aims for. */
    String target() {
        return target;
    }

    /** The configuration changed: aim for {@code threadPick} and activate it if installed. */
    void configure(String threadPick) {
        target = threadPick;
        reconcile();
    }

    /**
     * An explicit swap ({@code danian:policy <name>}). A successful one makes {@code name} the
     * target and clears an ejection of it: the operator asked for it.
     */
    SwapResult swapTo(String name) {
        PolicyEntry wanted = registry.find(PolicyKind.THREAD_PICK, name, failsafe::usable);
        if (wanted == null) {
            wanted = registry.find(PolicyKind.THREAD_PICK, name, entry -> true);
        }
        if (wanted == null) {
            throw new IllegalArgumentException("unknown thread-pick policy '" + name + "'; valid names: "
                    + String.join(", ", registry.names(PolicyKind.THREAD_PICK)));
        }
        String previous = active == null ? null : active.name();
        if (wanted == active) {
            target = name;
            return new SwapResult(SwapResult.Outcome.ALREADY_ACTIVE, previous, name, null, 0);
        }
        long start = System.nanoTime();
        String failure = install(wanted);
        long pause = System.nanoTime() - start;
        if (failure != null) {
            return new SwapResult(SwapResult.Outcome.FAILED, previous, name, failure, pause);
        }
        failsafe.pardon(wanted);
        target = name;
        return new SwapResult(SwapResult.Outcome.SWAPPED, previous, name, null, pause);
    }

    /**
     * The set of installed policies changed, or the target did. Rungs, in order:
     * the active policy left → fall back; the target is installed, usable and not active →
     * activate it; nothing is active → take the fallback ladder.
     */
    void reconcile() {
        if (active != null && !registry.contains(active)) {
            PolicyEntry gone = active;
            failsafe.fallBack(gone, null);
        }
        PolicyEntry wanted = registry.find(PolicyKind.THREAD_PICK, target, failsafe::usable);
        if (wanted != null && wanted != active && install(wanted) == null) {
            return;
        }
        if (active == null) {
            failsafe.fallBack(null, null);
        }
    }

    /**
     * Switches every live proc to {@code entry}'s pickers, or changes nothing.
     *
     * @return null on success; the reason if building failed (then counted and recorded)
     */
    String install(PolicyEntry entry) {
        List<ProcEntry> procs = table.procs();
        ThreadPicker[] pickers;
        try {
            pickers = PickerSwap.build(entry.threadPickPolicy(), procs, table.topology());
        } catch (PolicyFault fault) {
            events.swapFailed(entry.name(), fault.getMessage(), active == null ? null : active.name());
            failsafe.logSwapFailure(entry, fault);
            return fault.getMessage();
        }
        PickerSwap.commit(procs, pickers);
        failsafe.replaced(active, entry);
        active = entry;
        events.swapped();
        return null;
    }

    /** Drops every picker: grants use the kernel's built-in rule until a policy is installed. */
    void installNone() {
        for (ProcEntry proc : table.procs()) {
            proc.picker = null;
        }
        active = null;
    }

    /** Gives a new proc a picker of the active policy; a policy that fails it is ejected. */
    void attach(ProcEntry proc) {
        if (active == null) {
            return;
        }
        try {
            proc.picker = PickerSwap.buildOne(active.threadPickPolicy(), proc, table.topology());
        } catch (PolicyFault fault) {
            failsafe.eject(fault);
        }
    }
}
