package org.danian.kernel;

import java.util.List;
import java.util.Objects;

import org.danian.spi.ProcSpec;

/**
 * One proc in a {@link KernelStatus} snapshot.
 *
 * @param id the proc's identifier
 * @param spec the spec it was started with (its name, priority, cores, threshold, tickets)
 * @param coresHeld cores it owns now: running on, or being switched to
 * @param delayNanos the queueing delay the last slow pass measured
 * @param kthreads every kthread, by id
 */
public record ProcStatus(int id, ProcSpec spec, int coresHeld, long delayNanos, List<KThreadStatus> kthreads) {

    /** Copies the list. */
    public ProcStatus {
        Objects.requireNonNull(spec, "spec");
        kthreads = List.copyOf(kthreads);
    }

    /** The name from its spec. */
    public String name() {
        return spec.name();
    }

    /** Number of kthreads in the given state. */
    public int count(KThreadStatus.State state) {
        return (int) kthreads.stream().filter(k -> k.state() == state).count();
    }
}
