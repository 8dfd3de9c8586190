package org.danian.kernel;

import java.util.List;
import java.util.Objects;

/**
 * One proc in a {@link KernelStatus} snapshot.
 *
 * @param id the proc's identifier
 * @param name the name from its spec
 * @param kthreads every kthread, by id
 */
public record ProcStatus(int id, String name, List<KThreadStatus> kthreads) {

    /** Copies the list. */
    public ProcStatus {
        Objects.requireNonNull(name, "name");
        kthreads = List.copyOf(kthreads);
    }

    /** Number of kthreads in the proc's idle set. */
    public int idleCount() {
        return (int) kthreads.stream().filter(k -> !k.running()).count();
    }

    /** Number of kthreads running on a core. */
    public int runningCount() {
        return kthreads.size() - idleCount();
    }
}
