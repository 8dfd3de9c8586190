package org.danian.framework.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.PolicyEvent;

/**
 * Counters of swaps, failed swaps and ejections, and the most recent policy events with their
 * reasons (older events are only counted, as scx_central counts its anomalies). Scheduler
 * thread only.
 */
final class PolicyEvents {

    private final ArrayDeque<PolicyEvent> recent = new ArrayDeque<>();
    private long sequence;
    private long swaps;
    private long failedSwaps;
    private long ejections;
    private final KernelMetrics metrics;

    /** Events that also count ejections in {@code metrics} (null: none). */
    PolicyEvents(KernelMetrics metrics) {
        this.metrics = metrics;
    }

    void swapped() {
        swaps++;
    }

    void swapFailed(String policy, String reason, String stillActive) {
        failedSwaps++;
        record(PolicyEvent.Type.SWAP_FAILED, policy, reason, stillActive);
    }

    void ejected(String policy, String reason, String fallback) {
        ejections++;
        if (metrics != null) {
            metrics.ejection(policy);
        }
        record(PolicyEvent.Type.EJECTED, policy, reason, fallback);
    }

    void unregistered(String policy, String fallback) {
        record(PolicyEvent.Type.UNREGISTERED, policy,
                "its service was unregistered (bundle stopped, updated or uninstalled)", fallback);
    }

    private void record(PolicyEvent.Type type, String policy, String reason, String fallback) {
        if (recent.size() == KernelStatus.MAX_EVENTS) {
            recent.removeFirst();
        }
        recent.addLast(new PolicyEvent(++sequence, type, policy, reason, fallback));
    }

    long swaps() {
        return swaps;
    }

    long failedSwaps() {
        return failedSwaps;
    }

    long ejections() {
        return ejections;
    }

    /** The most recent events, oldest first. */
    List<PolicyEvent> recent() {
        return new ArrayList<>(recent);
    }
}
