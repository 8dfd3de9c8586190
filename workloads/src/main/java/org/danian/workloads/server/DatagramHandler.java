package org.danian.workloads.server;

import java.nio.ByteBuffer;

/**
 * A workload's request handling as a function from a request datagram to its reply.
 *
 * <p><b>Callers and threads.</b> A server's worker threads, several at once, each with its own
 * buffer: an implementation keeps no per-request state in fields and is safe for concurrent
 * use. It may take long (fake work), and may call the cede hook it was built with between
 * chunks of work.
 *
 * <p><b>Contract.</b> The request is the bytes between position 0 and the limit. The handler
 * writes the reply in place from offset 0 and returns its length (the caller sends bytes
 * {@code [0, length)}), or {@link #NO_REPLY}. It never throws for any content, counts every
 * call in exactly one outcome of its {@link HandlerCounters}, and leaves the position at 0. It
 * may raise the limit up to the capacity to write a reply longer than the request.
 */
@FunctionalInterface
public interface DatagramHandler {

    /** Returned when nothing is to be sent back. */
    int NO_REPLY = -1;

    /**
     * @param datagram the request, position 0, limit its length, capacity at least
     *     {@link #MIN_CAPACITY} (replies never outgrow that)
     * @return the reply's length, or {@link #NO_REPLY}
     */
    int handle(ByteBuffer datagram);

    /** The smallest buffer capacity a caller must give: the largest reply of any handler here. */
    int MIN_CAPACITY = 2048;
}
