package org.danian.kernel;

import java.util.Objects;

/**
 * What a {@link SchedulerKernel#swapThreadPickPolicy swap} did.
 *
 * @param outcome swapped, already active, or failed (the previous policy stays)
 * @param previous the thread-pick policy active before, or null if none was
 * @param requested the name asked for
 * @param failureReason why building the new policy's pickers failed; null unless
 *     {@code outcome} is {@link Outcome#FAILED}
 * @param pauseNanos how long the scheduler thread spent building and switching, the pause
 *     the swap imposed on scheduling (0 when nothing was built)
 */
public record SwapResult(Outcome outcome, String previous, String requested, String failureReason,
                         long pauseNanos) {

    /** Checks the fields that must be present. */
    public SwapResult {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requested, "requested");
        if ((outcome == Outcome.FAILED) != (failureReason != null)) {
            throw new IllegalArgumentException("a failure reason goes with FAILED only: " + outcome
                    + ", " + failureReason);
        }
    }

    /** How a swap ended. */
    public enum Outcome {
        /** Every proc's picker was rebuilt with the requested policy, which is now active. */
        SWAPPED,
        /** The requested policy was already active; nothing changed. */
        ALREADY_ACTIVE,
        /** Building the new pickers failed; the previous policy stays active, nothing lost. */
        FAILED
    }
}
