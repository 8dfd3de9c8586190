package org.danian.framework.engine;

import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.kernel.KernelSettings;

/**
 * The slow-pick watchdog: every thread pick's wall time against a budget
 * ({@link KernelSettings#pickBudgetNanos()}). A pick over it is counted
 * ({@link KernelMetrics#slowPick()}) and, the first time for a policy, logged once; the
 * {@link KernelSettings#pickBudgetStrikes()}-th consecutive one is a contract breach
 * ({@link PolicyFault}), which ejects the policy through its {@link PolicySlot} like any other
 * (the {@code ThreadPicker} contract asks for a pick that is cheap and never blocks).
 *
 * <p>Wall time, not CPU time: a picker that blocks uses no CPU and still holds up every grant.
 * A single slow pick is forgiven, because a preempted scheduler thread makes one (the OS took
 * the core, not the policy); several in a row are the policy's. Scheduler thread only; within
 * the budget it allocates nothing.
 */
final class PickWatchdog {

    private final long budgetNanos;
    private final int strikes;
    private final KernelMetrics metrics;
    private final System.Logger logger;
    /** Policies already warned about; identity, so a re-registered policy is warned about anew. */
    private final Set<PolicyEntry> warned = Collections.newSetFromMap(new IdentityHashMap<>());
    /** The policy whose picks {@link #consecutive} counts. */
    private PolicyEntry counted;
    private int consecutive;

    PickWatchdog(long budgetNanos, int strikes, KernelMetrics metrics, System.Logger logger) {
        this.budgetNanos = budgetNanos;
        this.strikes = strikes;
        this.metrics = metrics;
        this.logger = logger;
    }

    /**
     * Judges one pick of {@code policy} for {@code proc} that took {@code wallNanos}.
     *
     * @throws PolicyFault if it is the strikes-th consecutive pick of that policy over the budget
     */
    void judge(PolicyEntry policy, ProcEntry proc, long wallNanos) {
        if (wallNanos <= budgetNanos) {
            consecutive = 0;
            return;
        }
        overBudget(policy, proc, wallNanos);
    }

    private void overBudget(PolicyEntry policy, ProcEntry proc, long wallNanos) {
        metrics.slowPick();
        if (policy != counted) {
            counted = policy;
            consecutive = 0;
        }
        consecutive++;
        if (warned.add(policy)) {
            logger.log(Level.WARNING, "slow thread pick: " + policy + " took " + micros(wallNanos) + " for " + proc
                    + ", over the budget of " + micros(budgetNanos) + "; " + strikes
                    + " consecutive picks over it eject the policy (further slow picks are only counted)");
        }
        if (consecutive >= strikes) {
            consecutive = 0;
            throw new PolicyFault("pick took " + micros(wallNanos) + " for " + proc + ", the " + strikes
                    + "th consecutive pick over the budget of " + micros(budgetNanos));
        }
    }

    private static String micros(long nanos) {
        return String.format(Locale.ROOT, "%.1f µs", nanos / 1_000.0);
    }
}
