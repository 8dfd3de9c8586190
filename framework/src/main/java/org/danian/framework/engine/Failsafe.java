package org.danian.framework.engine;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.danian.kernel.PolicyKind;
import org.danian.kernel.SchedulerKernel;
import org.danian.spi.pick.ThreadPicker;

/**
 * Keeps scheduling going when a thread-pick policy breaks its contract or leaves (ARCHITECTURE
 * §4; the shape of sched_ext's error exit to the fair scheduler): every call into a picker
 * goes through {@link PickerGuard}; a fault ejects the policy, logs the reason once, counts
 * it, and installs the fallback; the call that revealed the fault is then served by the
 * fallback, so no grant or park is lost. Scheduler thread only.
 *
 * <p>Logging goes through {@link System.Logger} (logger {@code org.danian.kernel}): it needs
 * no service, works the same in tests and in Felix (which routes it to the JDK's logging),
 * and an ejection is rare enough that one line per ejection is the right volume.
 */
final class Failsafe {

    /** How many previously active policies the ladder remembers. */
    private static final int HISTORY = 16;

    private final PolicySwitch policySwitch;
    private final PolicyRegistry registry;
    private final PolicyEvents events;
    private final System.Logger logger;
    private final Set<PolicyEntry> ejected = new HashSet<>(); // PolicyEntry equality is identity
    /** Policies that were active and were replaced without fault, most recent first. */
    private final ArrayDeque<PolicyEntry> lastGood = new ArrayDeque<>();

    Failsafe(PolicySwitch policySwitch, PolicyRegistry registry, PolicyEvents events, System.Logger logger) {
        this.policySwitch = policySwitch;
        this.registry = registry;
        this.events = events;
        this.logger = logger;
    }

    /** Whether the kernel may choose {@code entry} by itself: it was never ejected. */
    boolean usable(PolicyEntry entry) {
        return !ejected.contains(entry);
    }

    boolean isEjected(PolicyEntry entry) {
        return ejected.contains(entry);
    }

    /** An explicit swap to an ejected policy succeeded: the operator overrides the ejection. */
    void pardon(PolicyEntry entry) {
        ejected.remove(entry);
    }

    /** {@code next} replaced {@code previous} (null if none was active) without fault. */
    void replaced(PolicyEntry previous, PolicyEntry next) {
        lastGood.remove(next);
        if (previous != null) {
            lastGood.remove(previous);
            lastGood.addFirst(previous);
            if (lastGood.size() > HISTORY) {
                lastGood.removeLast();
            }
        }
    }

    /** A kthread for a grant of {@code core}: the picker's choice, checked, or the fallback's. */
    KThreadEntry pick(ProcEntry proc, int core) {
        while (proc.picker != null) {
            try {
                return PickerGuard.pick(proc, core);
            } catch (PolicyFault fault) {
                eject(fault); // the fallback's pickers hold the whole idle set; ask again
            }
        }
        // No policy is active: the kernel's own rule, the least recently parked kthread
        // (Caladan's last rung, which needs no policy state).
        return proc.idle.oldest();
    }

    /** Tells the picker of {@code proc} that a kthread parked (already in the kernel's list). */
    void parked(ProcEntry proc, KThreadEntry kthread, int core) {
        if (proc.picker == null) {
            return;
        }
        try {
            PickerGuard.parked(proc, kthread, core);
        } catch (PolicyFault fault) {
            eject(fault); // the fallback's replay already includes the kthread
        }
    }

    /**
     * Tells the picker of a closing proc (no longer in the table) that an idle kthread left.
     *
     * @return the picker to use for the next kthread; null once it faulted
     */
    ThreadPicker removed(ProcEntry proc, ThreadPicker picker, KThreadEntry kthread) {
        try {
            PickerGuard.removed(proc, picker, kthread);
            return picker;
        } catch (PolicyFault fault) {
            eject(fault);
            return null;
        }
    }

    /** The active policy broke its contract: eject it and fall back. */
    void eject(PolicyFault fault) {
        PolicyEntry faulty = policySwitch.active();
        ejected.add(faulty);
        fallBack(faulty, fault);
    }

    /**
     * Installs the best policy available after {@code failed} (the active one, ejected or
     * unregistered; null if nothing was active) and records why.
     *
     * @param fault the contract breach if {@code failed} is ejected; null if it went away
     */
    void fallBack(PolicyEntry failed, PolicyFault fault) {
        if (failed != null) {
            policySwitch.installNone(); // so that the failed policy is not remembered as good
            lastGood.remove(failed);
        }
        PolicyEntry chosen = climbLadder();
        if (failed == null) {
            return;
        }
        String fallback = chosen == null ? null : chosen.name();
        String outcome = chosen == null ? noPolicyLeft() : "now using '" + fallback + "'";
        if (fault != null) {
            events.ejected(failed.name(), fault.getMessage(), fallback);
            logger.log(Level.WARNING, "ejected " + failed + ": " + fault.getMessage() + "; " + outcome,
                    fault.getCause());
        } else {
            events.unregistered(failed.name(), fallback);
            logger.log(Level.INFO, failed + " went away; " + outcome);
        }
    }

    private PolicyEntry climbLadder() {
        // Rung 1: the most recently replaced policy still installed and never ejected.
        for (PolicyEntry candidate : List.copyOf(lastGood)) {
            if (registry.contains(candidate) && usable(candidate) && policySwitch.install(candidate) == null) {
                return candidate;
            }
        }
        // Rung 2: caladan, the reference policy.
        PolicyEntry reference = registry.find(PolicyKind.THREAD_PICK, SchedulerKernel.REFERENCE_THREAD_PICK,
                this::usable);
        if (reference != null && policySwitch.install(reference) == null) {
            return reference;
        }
        // Rung 3: no policy; the kernel serves grants with its built-in rule.
        return null;
    }

    static String noPolicyLeft() {
        return "no thread-pick policy is active (no last good policy, and "
                + SchedulerKernel.REFERENCE_THREAD_PICK + " is not installed or was ejected):"
                + " grants are served by the kernel's built-in least-recently-parked rule";
    }

    void logSwapFailure(PolicyEntry entry, PolicyFault fault) {
        PolicyEntry active = policySwitch.active();
        logger.log(Level.WARNING, "swap to " + entry + " failed, " + (active == null ? "no policy" : "'"
                + active.name() + "'") + " stays active: " + fault.getMessage(), fault.getCause());
    }
}
