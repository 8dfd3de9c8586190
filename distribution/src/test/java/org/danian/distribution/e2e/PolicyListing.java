package org.danian.distribution.e2e;

import java.util.List;
import java.util.Optional;

import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;

/**
 * The answer of {@code danian:policies --json}: the kernel's {@link PolicyInfo} records. The
 * end-to-end tests read the listing only through this class.
 */
record PolicyListing(List<PolicyInfo> policies) {

    /** The listing in {@code answer}; empty if there is none yet (the kernel or shell not up). */
    static PolicyListing parse(String answer) {
        try {
            return new PolicyListing(List.of(ShellJson.read(answer, PolicyInfo[].class)));
        } catch (AssertionError noJsonYet) {
            return new PolicyListing(List.of());
        }
    }

    /** The thread-pick policy {@code name}, if listed. */
    Optional<PolicyInfo> threadPick(String name) {
        return policies.stream().filter(p -> p.kind() == PolicyKind.THREAD_PICK && p.name().equals(name)).findFirst();
    }

    /** The name of the active thread-pick policy, if one is active. */
    Optional<String> activeThreadPick() {
        return policies.stream().filter(p -> p.kind() == PolicyKind.THREAD_PICK && p.active()).map(PolicyInfo::name)
                .findFirst();
    }

    @Override
    public String toString() {
        return policies.toString();
    }
}
