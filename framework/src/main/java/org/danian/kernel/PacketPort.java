package org.danian.kernel;

import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A UDP port of the kernel's packet driver whose datagrams go to one {@link LiveProc}: the
 * scheduler loop receives them (a burst per iteration), queues each on the proc's ingress
 * queue, where its waiting time feeds the proc's congestion signal and a proc holding no core
 * asks for one at once, and a kthread runs the port's {@link PacketHandler} on it; replies
 * leave in one batch per loop iteration. Opened by {@link SchedulerKernel#openPort}.
 *
 * <p><b>Stopping cleanly</b> (nothing accepted is lost): {@link #stopReceiving()} on every
 * port of a proc, then {@link LiveProc#close()} (which waits until every accepted packet has
 * been handled and its reply queued), then {@link #close()} on every port, which transmits the
 * queued replies before releasing the port. Closing a port while its proc still handles
 * packets is allowed (a netperf client's kill does so): replies queued after the close are
 * counted as failed transmissions, never thrown.
 *
 * <p>Every method may be called from any thread except the scheduler thread, including from a
 * task of the port's own proc; each returns once the scheduler thread has carried it out.
 * After the kernel has stopped, both methods return at once (the kernel closed every port).
 */
@ProviderType
public interface PacketPort extends AutoCloseable {

    /** The UDP port number (the one chosen, when port 0 was asked for). Any thread. */
    int port();

    /** The address the port is bound to, with {@link #port()}. Any thread. */
    InetSocketAddress address();

    /** The proc whose kthreads handle this port's packets. Any thread. */
    LiveProc proc();

    /**
     * Stops steering packets to the proc: from the next loop iteration on, datagrams for this
     * port are dropped and counted as unroutable, while the port stays bound (no other
     * process can take it). Packets accepted before still run. Idempotent.
     */
    void stopReceiving();

    /**
     * Stops receiving (if not done yet), transmits every reply queued so far, and releases the
     * port. Idempotent.
     */
    @Override
    void close();
}
