package org.danian.framework.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyKind;

/**
 * The most recent policy events of both slots, with their reasons, for the status (older
 * events drop off; their counts stay in the metrics). Scheduler thread only.
 */
final class PolicyEvents {

    private final ArrayDeque<PolicyEvent> recent = new ArrayDeque<>();
    private long sequence;

    void swapFailed(PolicyKind kind, String policy, String reason, String stillActive) {
        record(kind, PolicyEvent.Type.SWAP_FAILED, policy, reason, stillActive);
    }

    void ejected(PolicyKind kind, String policy, String reason, String fallback) {
        record(kind, PolicyEvent.Type.EJECTED, policy, reason, fallback);
    }

    void unregistered(PolicyKind kind, String policy, String fallback) {
        record(kind, PolicyEvent.Type.UNREGISTERED, policy,
                "its service was unregistered (bundle stopped, updated or uninstalled)", fallback);
    }

    private void record(PolicyKind kind, PolicyEvent.Type type, String policy, String reason, String fallback) {
        if (recent.size() == KernelStatus.MAX_EVENTS) {
            recent.removeFirst();
        }
        recent.addLast(new PolicyEvent(++sequence, kind, type, policy, reason, fallback));
    }

    /** The most recent events, oldest first. */
    List<PolicyEvent> recent() {
        return new ArrayList<>(recent);
    }
}
