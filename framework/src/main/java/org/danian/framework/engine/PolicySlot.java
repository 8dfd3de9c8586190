package org.danian.framework.engine;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;

/**
 * The slot of one policy kind: which policy is active, which one the configuration (or the
 * last explicit swap) asks for, the transactional switch between them, and the failsafe
 * ladder when the active one breaks its contract or leaves. Both seams use it, each through
 * its {@link Seam}: thread pick ({@link PickSeam}) and core allocation ({@link AllocatorSeam}).
 *
 * <p><b>Switch.</b> {@link Seam#build} makes the new policy's state for every live proc
 * without touching what the active policy uses; only if it succeeds does {@link Seam#commit}
 * switch: nothing in flight is lost (docs/architecture.md, "One hot swap"). A build that fails is counted, recorded
 * as an event with its reason, and logged; the active policy stays.
 *
 * <p><b>Ladder</b> (the shape of sched_ext's error exit to the fair scheduler), when the active
 * policy is ejected or goes away, one rung after the other:
 * <ol>
 *   <li>the most recently replaced policy still installed and never ejected;
 *   <li>the kind's reference policy ({@link PolicyKind#referencePolicy()});
 *   <li>none: {@link Seam#clear()} leaves the seam's built-in behaviour, and the status warns.
 * </ol>
 * An ejected registration is never chosen again by the kernel itself, only by an explicit swap
 * to its name (which clears the ejection: the operator asked for it). A bundle update registers
 * a new service, hence a new {@link PolicyEntry}, so an ejection does not outlive the code
 * that earned it.
 *
 * <p>Scheduler thread only. Logging goes through {@link System.Logger} (logger
 * {@code org.danian.kernel}): an ejection or a failed swap is rare, one line each.
 *
 * @param <S> the seam's state built for a policy before the switch
 */
final class PolicySlot<S> {

    /** How many previously active policies the ladder remembers. */
    private static final int HISTORY = 16;

    /** What the slot needs from its seam. Scheduler thread only. */
    interface Seam<S> {
        /**
         * Builds {@code entry}'s state for every live proc, changing nothing the active policy
         * uses.
         *
         * @throws PolicyFault if the policy throws, refuses or answers wrongly while building
         */
        S build(PolicyEntry entry);

        /** Switches every live proc to {@code built}; cannot fail. */
        void commit(S built);

        /** Drops the active policy's state: the seam's built-in behaviour applies. */
        void clear();

        /** What the seam does while no policy of its kind is active, for warnings and logs. */
        String withoutPolicy();
    }

    private final PolicyKind kind;
    private final Seam<S> seam;
    private final PolicyRegistry registry;
    private final PolicyEvents events;
    private final KernelMetrics metrics;
    private final System.Logger logger;
    private final Set<PolicyEntry> ejected = new HashSet<>(); // PolicyEntry equality is identity
    /** Policies that were active and were replaced without fault, most recent first. */
    private final ArrayDeque<PolicyEntry> lastGood = new ArrayDeque<>();
    private PolicyEntry active;
    private String target;

    PolicySlot(PolicyKind kind, String target, Seam<S> seam, PolicyRegistry registry, PolicyEvents events,
               KernelMetrics metrics, System.Logger logger) {
        this.kind = kind;
        this.target = target;
        this.seam = seam;
        this.registry = registry;
        this.events = events;
        this.metrics = metrics;
        this.logger = logger;
    }

    PolicyKind kind() {
        return kind;
    }

    /** The active policy, or null while the seam's built-in behaviour applies. */
    PolicyEntry active() {
        return active;
    }

    /** The name the configuration, or the last explicit swap, asks for. */
    String target() {
        return target;
    }

    boolean isEjected(PolicyEntry entry) {
        return ejected.contains(entry);
    }

    /** The configuration changed: aim for {@code name} and activate it if it is installed. */
    void configure(String name) {
        target = name;
        reconcile();
    }

    /**
     * The installed policies or the target changed. Rungs, in order: the active policy left →
     * fall back; the target is installed, usable and not active → activate it; nothing is
     * active → climb the ladder.
     */
    void reconcile() {
        if (active != null && !registry.contains(active)) {
            fallBack(active, null);
        }
        PolicyEntry wanted = registry.find(kind, target, this::usable);
        if (wanted != null && wanted != active && install(wanted) == null) {
            return;
        }
        if (active == null) {
            climbLadder();
        }
    }

    /**
     * An explicit swap (the API's {@code swap}, the shell's {@code danian:policy} and
     * {@code danian:allocator}).
     *
     * @throws IllegalArgumentException naming the valid names if none of this kind has that name
     */
    SwapResult swapTo(String name) {
        PolicyEntry wanted = registry.find(kind, name, this::usable);
        if (wanted == null) {
            wanted = registry.find(kind, name, entry -> true);
        }
        if (wanted == null) {
            List<String> valid = registry.names(kind);
            throw new IllegalArgumentException("unknown " + kind.label() + " policy '" + name + "'; valid names: "
                    + (valid.isEmpty() ? "none installed" : String.join(", ", valid)));
        }
        String previous = nameOf(active);
        if (wanted == active) {
            target = name;
            return new SwapResult(kind, SwapResult.Outcome.ALREADY_ACTIVE, previous, name, null, 0);
        }
        long start = System.nanoTime();
        String failure = install(wanted);
        long pause = System.nanoTime() - start;
        if (failure != null) {
            return new SwapResult(kind, SwapResult.Outcome.FAILED, previous, name, failure, pause);
        }
        ejected.remove(wanted);
        target = name;
        return new SwapResult(kind, SwapResult.Outcome.SWAPPED, previous, name, null, pause);
    }

    /** The active policy broke its contract: eject it, fall back, and record why. */
    void eject(PolicyFault fault) {
        PolicyEntry faulty = active;
        ejected.add(faulty);
        fallBack(faulty, fault);
    }

    /**
     * Switches to {@code entry}, or changes nothing.
     *
     * @return null on success; the reason if building failed (then counted and recorded)
     */
    private String install(PolicyEntry entry) {
        S built;
        try {
            built = seam.build(entry);
        } catch (PolicyFault fault) {
            metrics.swapFailed(kind);
            events.swapFailed(kind, entry.name(), fault.getMessage(), nameOf(active));
            logger.log(Level.WARNING, "swap to " + entry + " failed, " + describe(active) + " stays: "
                    + fault.getMessage(), fault.getCause());
            return fault.getMessage();
        }
        seam.commit(built);
        if (active != null) {
            lastGood.remove(active);
            lastGood.addFirst(active);
            if (lastGood.size() > HISTORY) {
                lastGood.removeLast();
            }
        }
        lastGood.remove(entry);
        active = entry;
        metrics.swapped(kind);
        return null;
    }

    /**
     * Installs the best policy available after {@code failed} (the active one, ejected or gone
     * away) and records why.
     *
     * @param fault the contract breach if {@code failed} is ejected; null if it went away
     */
    private void fallBack(PolicyEntry failed, PolicyFault fault) {
        seam.clear(); // first, so that the failed policy is not remembered as good
        active = null;
        lastGood.remove(failed);
        PolicyEntry chosen = climbLadder();
        String fallback = nameOf(chosen);
        if (fault != null) {
            metrics.ejection(kind, failed.name());
            events.ejected(kind, failed.name(), fault.getMessage(), fallback);
            logger.log(Level.WARNING, "ejected " + failed + ": " + fault.getMessage() + "; " + kind.label()
                    + " now " + describe(chosen), fault.getCause());
        } else {
            events.unregistered(kind, failed.name(), fallback);
            logger.log(Level.INFO, failed + " went away; " + kind.label() + " now " + describe(chosen));
        }
    }

    private PolicyEntry climbLadder() {
        // Rung 1: the most recently replaced policy still installed and never ejected.
        for (PolicyEntry candidate : List.copyOf(lastGood)) {
            if (registry.contains(candidate) && usable(candidate) && install(candidate) == null) {
                return candidate;
            }
        }
        // Rung 2: the kind's reference policy (caladan, simple).
        PolicyEntry reference = registry.find(kind, kind.referencePolicy(), this::usable);
        if (reference != null && install(reference) == null) {
            return reference;
        }
        // Rung 3: none; the seam's built-in behaviour, and the status warns.
        return null;
    }

    /** Whether the kernel may choose {@code entry} by itself: it was never ejected. */
    private boolean usable(PolicyEntry entry) {
        return !ejected.contains(entry);
    }

    /** The warning of the status, or null when the configured policy is the active one. */
    String warning() {
        if (active == null) {
            return "no " + kind.label() + " policy is active (the configured '" + target + "' and the last good"
                    + " ones are not installed or were ejected, and so is " + kind.referencePolicy() + "): "
                    + seam.withoutPolicy();
        }
        if (!active.name().equals(target)) {
            return "the configured " + kind.label() + " policy '" + target + "' is not active (not installed,"
                    + " ejected, or its swap failed): running '" + active.name() + "'";
        }
        return null;
    }

    private String describe(PolicyEntry entry) {
        return entry == null ? "none (" + seam.withoutPolicy() + ")" : "'" + entry.name() + "'";
    }

    private static String nameOf(PolicyEntry entry) {
        return entry == null ? null : entry.name();
    }
}
