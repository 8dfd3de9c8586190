package org.danian.framework.net;

import java.util.concurrent.atomic.AtomicLong;
import org.danian.spi.net.DriverCounters;

/**
 * The kernel UDP driver's counters. The receive counters have a single writer, the polling
 * thread, which increments with a plain read and a release store ({@code lazySet}): no
 * read-modify-write instruction on the hot path, and other threads read a recent, untorn
 * value. {@code sent} and {@code transmitFailed} are also written by kthreads that transmit
 * their own replies, so they are incremented atomically ({@link #add}).
 */
final class DriverStats {

    final AtomicLong received = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong truncated = new AtomicLong();
    final AtomicLong oversized = new AtomicLong();
    final AtomicLong unroutable = new AtomicLong();
    final AtomicLong ingressFull = new AtomicLong();
    final AtomicLong noBuffer = new AtomicLong();
    final AtomicLong transmitFailed = new AtomicLong();
    final AtomicLong backpressured = new AtomicLong();

    /** Adds one; any thread (the transmit counters). */
    static void add(AtomicLong counter) {
        counter.incrementAndGet();
    }

    /** Adds one; polling thread only. */
    static void bump(AtomicLong counter) {
        counter.lazySet(counter.get() + 1);
    }

    /** The counters now, with the drops the operating system counted for the driver's sockets. */
    DriverCounters snapshot(long systemDrops) {
        return new DriverCounters(received.get(), delivered.get(), sent.get(),
                0, // malformed: the kernel checked IP and UDP headers before the socket saw them
                truncated.get(), oversized.get(), unroutable.get(), ingressFull.get(),
                noBuffer.get(), transmitFailed.get(), backpressured.get(), systemDrops);
    }
}
