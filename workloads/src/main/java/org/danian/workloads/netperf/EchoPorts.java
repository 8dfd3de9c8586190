package org.danian.workloads.netperf;

/**
 * Opens the per-thread echo ports of a netperf handshake. Implemented by whatever runs the
 * server (the baseline's socket threads, or the engine's packet driver); each port it opens
 * serves an {@link EchoHandler} until that handler sees a kill message.
 */
@FunctionalInterface
public interface EchoPorts {

    /** Returned by {@link #open()} when no port could be opened. */
    int FAILED = -1;

    /**
     * Opens one UDP port on the server's address that echoes every datagram through a new
     * {@link EchoHandler}. Called by the control handler on a worker thread; may block briefly
     * (a bind). Never throws.
     *
     * @return the port opened, or {@link #FAILED}
     */
    int open();
}
