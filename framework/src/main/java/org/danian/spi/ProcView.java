package org.danian.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A proc as a policy sees it: its identity, spec and kthreads.
 *
 * <p>Implemented by the kernel. The number of kthreads is fixed when the proc is created, as
 * Caladan's runtime fixes its kthread pool at start.
 */
@ProviderType
public interface ProcView {

    /** Identifier unique among the procs of one kernel for its whole run, at least 0. */
    int id();

    /** The spec the proc was created with; never null. */
    ProcSpec spec();

    /** Number of kthreads, at least 1, constant for the proc's life. */
    int kthreadCount();

    /**
     * The kthread with the given {@link KThreadView#id() id}.
     *
     * @throws IndexOutOfBoundsException if {@code id} is not in {@code [0, kthreadCount())}
     */
    KThreadView kthread(int id);
}
