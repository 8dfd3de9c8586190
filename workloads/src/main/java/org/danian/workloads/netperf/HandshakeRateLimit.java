package org.danian.workloads.netperf;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How often one source address may have a netperf handshake answered: a token bucket per
 * address, {@code burst} handshakes at once, refilled at {@code perSecond}. A handshake's reply
 * lists every port it opened (4 bytes each, up to 1,032 bytes for an 8-byte request), so a
 * forged source address could otherwise be sent replies as fast as handshakes arrive; the
 * bucket caps that rate, the per-client port limit caps the ports.
 *
 * <p>At most {@value #MAX_CLIENTS} addresses are tracked, so a flood of forged addresses cannot
 * grow the table: when it is full, buckets that have refilled (they remember nothing) are
 * dropped, and if none has, the new address is refused until one does. Refusals are counted
 * ({@link #refused()}); the handler counts them as rejected datagrams too.
 *
 * <p>Thread safety: {@link #admit} is synchronized. Handshakes are rare (one per client run),
 * so the lock is never on the sockperf or echo path. A new address allocates its bucket.
 */
public final class HandshakeRateLimit {

    /** The most source addresses tracked at once. */
    public static final int MAX_CLIENTS = 4096;
    private static final double NANOS_PER_SECOND = 1e9;

    private final double perNano;
    private final int burst;
    private final LongSupplier clock;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();
    private long refused;

    /**
     * @param perSecond handshakes one address may have answered per second, sustained; 0 for no limit
     * @param burst handshakes one address may have answered at once, at least 1
     * @param clock nanoseconds, monotonic ({@code System::nanoTime})
     */
    public HandshakeRateLimit(double perSecond, int burst, LongSupplier clock) {
        if (!(perSecond >= 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("handshakes per second must be finite and 0 or more: " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("handshake burst must be at least 1: " + burst);
        }
        this.perNano = perSecond / NANOS_PER_SECOND;
        this.burst = burst;
        this.clock = clock;
    }

    /** No limit: every handshake is admitted. */
    public static HandshakeRateLimit unlimited() {
        return new HandshakeRateLimit(0, 1, System::nanoTime);
    }

    /** Whether a handshake from {@code client} may be answered now; takes a token if so. */
    public synchronized boolean admit(InetAddress client) {
        if (perNano == 0 || client == null) {
            return true;
        }
        long now = clock.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= MAX_CLIENTS && !dropRefilled(now)) {
                refused++;
                return false;
            }
            bucket = new Bucket(burst, now);
            buckets.put(client, bucket);
        }
        bucket.refill(now, perNano, burst);
        if (bucket.tokens < 1) {
            refused++;
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    /** Handshakes refused so far. */
    public synchronized long refused() {
        return refused;
    }

    /** Forgets the buckets that are full again; whether any was. */
    private boolean dropRefilled(long now) {
        boolean dropped = false;
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext();) {
            Bucket bucket = it.next();
            bucket.refill(now, perNano, burst);
            if (bucket.tokens >= burst) {
                it.remove();
                dropped = true;
            }
        }
        return dropped;
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(double tokens, long last) {
            this.tokens = tokens;
            this.last = last;
        }

        void refill(long now, double perNano, int burst) {
            tokens = Math.min(burst, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
