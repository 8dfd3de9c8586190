package org.danian.spi.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A source and sink of datagrams that the scheduler loop polls, as Caladan's IOKernel polls
 * its NIC (OSDI'20 §4): receive a burst, steer each packet by destination port, transmit the
 * replies queued since the last iteration.
 *
 * <p><b>As a service.</b> A driver is an OSGi service registered with the property
 * {@value #NAME_PROPERTY}; the kernel binds the one its {@code packetDriver} setting names and
 * is then its only user: it opens every port, polls it, and stops using it before the service
 * goes away. The driver's provider owns its life ({@link #close()} when the service ends).
 *
 * <p><b>Threads.</b> One thread, the <em>polling thread</em> (the scheduler loop), calls
 * {@link #poll}, {@link #await} and {@link #flush}, never concurrently. A driver whose
 * {@link #kthreadPollLingerNanos()} is positive lets that role move, for a while, to a kthread
 * waiting for its next packet; the kernel passes the role with a happens-before edge, so the
 * calls stay one at a time and ordered, but they may come from different threads. The control methods ({@link #open},
 * {@link #attach}, {@link #detach}, {@link #close(int)}, {@link #counters}) may be called from
 * any thread, also while the polling thread runs; they are not on the hot path and may take a
 * lock. {@link Packet#reply} and {@link Packet#release} come from any thread (the kthreads
 * that served the packets).
 *
 * <p><b>Steering.</b> A port is first {@linkplain #open opened} (the driver receives what
 * arrives for it) and then has a sink {@linkplain #attach attached}. A packet for an open port
 * without a sink is dropped and counted as unroutable, the way the IOKernel drops a packet for
 * which no proc is registered; so a workload that is stopped and restarted keeps its port and
 * never sees stale requests.
 *
 * <p><b>Guarantees.</b> {@link #poll} and {@link #flush} allocate nothing in the steady state
 * and throw nothing for anything the network sends: expected anomalies are counted in
 * {@link DriverCounters}. Each datagram taken from the network is either delivered to exactly
 * one sink or counted as dropped for exactly one reason.
 */
@ConsumerType
public interface PacketDriver extends AutoCloseable {

    /**
     * Service property under which a driver registers its {@link #name()}; the kernel's setting
     * {@code packetDriver} selects the driver by it.
     */
    String NAME_PROPERTY = "danian.driver.name";

    /**
     * The driver's name, as the kernel's {@code packetDriver} setting names it, such as
     * {@code kernel-udp} or {@code dpdk}: lower case letters, digits and '-', constant.
     */
    String name();

    /**
     * Starts receiving datagrams addressed to {@code local}. Any thread.
     *
     * @param local the address to bind; port 0 asks for an ephemeral port
     * @return the port now open (the ephemeral one chosen, if port 0 was asked)
     * @throws IOException if the address cannot be bound (in use, not local)
     * @throws IllegalStateException if the driver is closed, or the port is already open
     */
    int open(InetSocketAddress local) throws IOException;

    /**
     * Steers the packets of an open port to {@code sink} from the next {@link #poll} on,
     * replacing any sink attached before. Any thread.
     *
     * @throws IllegalArgumentException if {@code port} is not open
     * @throws NullPointerException if {@code sink} is null
     */
    void attach(int port, PacketSink sink);

    /**
     * Detaches the sink of a port: from the next {@link #poll} on, its packets are dropped as
     * unroutable. Packets the sink already accepted stay its own. Any thread; a port with no
     * sink is left as it is.
     *
     * @throws IllegalArgumentException if {@code port} is not open
     */
    void detach(int port);

    /**
     * Stops receiving on a port and releases it. Replies still queued from that port are
     * counted as failed at the next {@link #flush}. Any thread; a port that is not open is
     * ignored.
     */
    void close(int port);

    /**
     * Receives at most one burst of datagrams across the open ports and steers each to its
     * port's sink. Polling thread only. Does not wait: returns 0 at once when nothing arrived.
     *
     * @return the number of datagrams taken from the network, delivered or dropped
     */
    int poll();

    /**
     * Transmits the replies queued since the last flush and recycles their buffers. Polling
     * thread only, once per loop iteration (after {@link #poll}, so a reply queued by a
     * kthread during this iteration leaves in this iteration). Does not wait for the network
     * beyond a non-blocking send: a reply the kernel will not take now is counted as failed.
     *
     * @return the number of replies sent
     */
    int flush();

    /**
     * Whether {@link #await} may block the polling thread in the operating system until a
     * datagram arrives (sockets: a selector), so that the scheduler loop can sleep when only a
     * packet can bring it work and wake as soon as one arrives, as the NIC's interrupt would
     * wake it. A driver that must be busy-polled (a kernel-bypass NIC ring, which raises no
     * wake-up) answers false: the loop then never waits in the driver, and its idle strategy
     * spins or parks between polls instead. Any thread; constant.
     *
     * <p>The default, for drivers written against version 1.0, is false.
     */
    default boolean canBlock() {
        return false;
    }

    /**
     * Polling thread, when the loop has nothing else to do: receives and steers like
     * {@link #poll}; if nothing has arrived and {@link #canBlock()}, first blocks until a
     * datagram arrives, {@link #wakeup()} is called, or about {@code timeoutNanos} passed (the
     * wait may be coarser, a millisecond for a selector). A driver that cannot block returns
     * at once. Allocates nothing, throws nothing for anything the network sends.
     *
     * <p>An idle kernel (no core granted, nothing queued) passes a long timeout, up to a
     * second, since only a datagram or a {@link #wakeup()} can give it work. A driver that
     * stops watching a port for a reason of its own (backpressure) must look again sooner by
     * itself rather than sleep the whole timeout.
     *
     * <p>The default, for drivers written against version 1.0, is {@link #poll()}.
     *
     * @return the number of datagrams taken from the network, delivered or dropped
     */
    default int await(long timeoutNanos) {
        return poll();
    }

    /**
     * Any thread: ends an {@link #await} in progress at once, or makes the next one return at
     * once (the kernel calls it when an operation, a core-needed signal or a stop needs the
     * polling thread). Must not block; cheap enough to call on every such event. A driver that
     * cannot block does nothing.
     */
    default void wakeup() {
    }

    /**
     * Whether {@link Packet#reply} on this driver's packets transmits the reply at once, on the
     * thread that answers (a kthread), instead of queueing it for the polling thread's next
     * {@link #flush}: Caladan's directpath (OSDI'20 §4: a runtime transmits on its own queue
     * without the IOKernel). A reply then costs no hand-off to the polling thread, which need
     * not wake to send it. Only a driver whose transmit is safe from many threads at once can
     * answer true (a kernel socket: {@code sendto} is; a single-producer NIC ring is not).
     * {@link #flush} must still be called; it then sends what is left queued, if anything.
     * Any thread; constant.
     *
     * <p>The default, for drivers written against versions 1.0 and 1.1, is false.
     */
    default boolean kthreadsMayTransmit() {
        return false;
    }

    /**
     * How long a kthread that runs out of work while holding a core may take over the polling
     * thread's role and wait in {@link #await} for its next packet, in nanoseconds; 0 (the
     * default, for drivers written against versions 1.0 to 1.3) keeps the role on the
     * scheduler loop. Caladan's directpath (OSDI'20 §4): a runtime polls its own receive
     * queue while it holds a core, so a packet wakes the thread that serves it and no other.
     * A positive answer promises that {@link #poll}, {@link #await} and {@link #wakeup} work
     * from any thread, one polling thread at a time (a socket selector does; a NIC queue bound
     * to one lcore does not). The kernel uses it only with {@link #canBlock()} and
     * {@link #kthreadsMayTransmit()}. Any thread; constant while the driver is bound.
     */
    default long kthreadPollLingerNanos() {
        return 0;
    }

    /** The counters now. Any thread; a snapshot, not a live view. */
    DriverCounters counters();

    /**
     * Closes every port and frees the driver's resources. Call after the polling thread has
     * stopped polling; later calls to {@code poll} and {@code flush} return 0, and later calls
     * to {@code open} throw. Idempotent.
     */
    @Override
    void close();
}
