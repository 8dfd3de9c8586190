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

    /**
     * As {@link #open()}, for a handshake from {@code client}: a server that limits the ports
     * one client may hold counts it against that address. By default the client is not known.
     *
     * @param client the handshake's source address
     * @return the port opened, or {@link #FAILED} (also when a limit is reached)
     */
    default int open(java.net.InetAddress client) {
        return open();
    }
}
