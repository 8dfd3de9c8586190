package org.danian.workloads.synthetic;

import java.nio.ByteBuffer;
import org.danian.workloads.protocol.SyntheticWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.Outcome;

/**
 * The synthetic server's request handling: do the requested stridedmem iterations, write the
 * server's timestamp (microseconds since the Unix epoch) over the randomness field, and send
 * the 24 bytes back.
 *
 * <p>A datagram that is not exactly 24 bytes is malformed. A request for more iterations than
 * {@code maxWorkIterations} is rejected unanswered: an arbitrary 64-bit count would otherwise
 * hold a worker for centuries (random bytes are such a request).
 */
public final class SyntheticHandler implements DatagramHandler {

    /**
     * Default cap: about three milliseconds of work on a current x86 core (50 million
     * iterations took 32 ms there), three hundred times Caladan's 10 µs mean service time, so
     * an exponential service time reaches it with probability e^-300. One 24-byte request can
     * buy no more CPU than that; {@code maxWorkIterations} raises it for experiments that need
     * longer requests.
     */
    public static final long DEFAULT_MAX_WORK_ITERATIONS = 5_000_000L;

    private final StridedMemWork work;
    private final HandlerCounters counters;
    private final long maxWorkIterations;
    /** Written so that the work's loads are used; racy writes are fine, nobody reads it. */
    @SuppressWarnings("unused")
    private long folded;

    public SyntheticHandler(StridedMemWork work, HandlerCounters counters, long maxWorkIterations) {
        if (maxWorkIterations < 0) {
            throw new IllegalArgumentException("maxWorkIterations is negative: " + maxWorkIterations);
        }
        this.work = work;
        this.counters = counters;
        this.maxWorkIterations = maxWorkIterations;
    }

    @Override
    public int handle(ByteBuffer datagram) {
        long iterations = admit(datagram);
        if (iterations == NO_REPLY) {
            return NO_REPLY;
        }
        folded = work.work(iterations, SyntheticWire.randomness(datagram));
        return complete(datagram);
    }

    /**
     * The first half of {@link #handle}, for servers that run the work themselves (in chunks,
     * ceding between them): checks the request and returns its work iterations, or counts the
     * drop and returns {@link #NO_REPLY}.
     */
    public long admit(ByteBuffer datagram) {
        if (datagram.limit() != SyntheticWire.SIZE) {
            return counters.drop(datagram.limit() > SyntheticWire.SIZE ? Outcome.OVERSIZED : Outcome.MALFORMED);
        }
        long iterations = SyntheticWire.workIterations(datagram);
        if (iterations < 0 || iterations > maxWorkIterations) { // unsigned: negative is huge
            return counters.drop(Outcome.REJECTED);
        }
        return iterations;
    }

    /**
     * The second half of {@link #handle}, once the work is done: writes the server's timestamp
     * over the randomness field, counts the reply and returns its length.
     */
    public int complete(ByteBuffer datagram) {
        SyntheticWire.putRandomness(datagram, ServerClock.micros());
        return counters.reply(SyntheticWire.SIZE);
    }
}
