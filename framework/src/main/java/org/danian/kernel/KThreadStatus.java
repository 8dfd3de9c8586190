package org.danian.kernel;

import java.util.Objects;

/**
 * One kthread in a {@link KernelStatus} snapshot: running on exactly one core, idle in its
 * proc's idle set, or ceding a core that a grant gave to another proc.
 *
 * @param id the kthread's index within its proc
 * @param state running, idle or ceding
 * @param core the core it runs on (or, ceding, the core it is leaving), or
 *     {@link org.danian.spi.KThreadView#NO_CORE} when idle
 * @param lastCore the core it last ran on, or {@code NO_CORE} if it never ran
 * @param parkSequence when idle, the kernel-wide sequence number of its park (a smaller number
 *     parked earlier); 0 otherwise
 * @param tickets its lottery tickets ({@link org.danian.spi.KThreadView#tickets()})
 */
public record KThreadStatus(int id, State state, int core, int lastCore, long parkSequence, int tickets) {

    /** Checks the state is present. */
    public KThreadStatus {
        Objects.requireNonNull(state, "state");
    }

    /** Whether it runs on {@link #core()}. */
    public boolean running() {
        return state == State.RUNNING;
    }

    /** Where a kthread is. */
    public enum State {
        /** Running on a core the kernel granted its proc. */
        RUNNING,
        /** In its proc's idle set, parked. */
        IDLE,
        /**
         * Asked to give its core to another proc and not yet parked: neither running for the
         * kernel nor idle (Caladan's per-core "switching out" state).
         */
        CEDING
    }
}
