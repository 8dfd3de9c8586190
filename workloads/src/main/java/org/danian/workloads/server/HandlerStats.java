package org.danian.workloads.server;

/** A snapshot of a server's outcome counters; see {@link Outcome}. */
public record HandlerStats(long replied, long ignored, long malformed, long oversized,
        long rejected, long overloaded) {

    /** Datagrams dropped, whatever the reason. */
    public long dropped() {
        return malformed + oversized + rejected + overloaded;
    }

    /** Every datagram the server received: each has exactly one outcome. */
    public long received() {
        return replied + ignored + dropped();
    }

    @Override
    public String toString() {
        return "received=" + received() + " replied=" + replied + " ignored=" + ignored
                + " malformed=" + malformed + " oversized=" + oversized + " rejected=" + rejected
                + " overloaded=" + overloaded;
    }
}
