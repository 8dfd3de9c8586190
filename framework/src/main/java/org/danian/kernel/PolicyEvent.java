package org.danian.kernel;

import java.util.Objects;

/**
 * Something that happened to a policy that an operator should see in {@code danian:status}.
 *
 * @param sequence order of the event among all events of this kernel, from 1
 * @param kind the slot it happened in
 * @param type what happened
 * @param policy the name of the policy it happened to
 * @param reason why, in words (for an ejection: the contract the policy broke)
 * @param fallback the policy of that kind active afterwards, or null if none is
 */
public record PolicyEvent(long sequence, PolicyKind kind, Type type, String policy, String reason,
                          String fallback) {

    /** Checks that the mandatory fields are present. */
    public PolicyEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(reason, "reason");
    }

    /** Kinds of policy events. */
    public enum Type {
        /** The active policy broke its contract and was replaced by the fallback. */
        EJECTED,
        /** A swap was abandoned because building the new policy's state failed. */
        SWAP_FAILED,
        /** The active policy's service went away (bundle stopped or uninstalled). */
        UNREGISTERED
    }
}
