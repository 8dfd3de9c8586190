package org.danian.kernel;

import java.util.Objects;

/**
 * What a {@link KernelAdmin#swap swap} did.
 *
 * @param kind the slot that was asked to swap
 * @param outcome swapped, already active, or failed (the previous policy stays)
 * @param previous the policy of that kind active before, or null if none was
 * @param requested the name asked for
 * @param failureReason why building the new policy's state failed; null unless
 *     {@code outcome} is {@link Outcome#FAILED}
 * @param pauseNanos how long the scheduler thread spent building and switching, the pause
 *     the swap imposed on scheduling (0 when nothing was built)
 */
public record SwapResult(PolicyKind kind, Outcome outcome, String previous, String requested,
                         String failureReason, long pauseNanos) {

    /** Checks the fields that must be present. */
    public SwapResult {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requested, "requested");
        if ((outcome == Outcome.FAILED) != (failureReason != null)) {
            throw new IllegalArgumentException("a failure reason goes with FAILED only: " + outcome
                    + ", " + failureReason);
        }
    }

    /** How a swap ended. */
    public enum Outcome {
        /** The requested policy's state was built for every proc, and it is now active. */
        SWAPPED,
        /** The requested policy was already active; nothing changed. */
        ALREADY_ACTIVE,
        /** Building the new policy's state failed; the previous policy stays, nothing lost. */
        FAILED
    }
}
