package org.danian.workloads.server;

import java.util.concurrent.atomic.LongAdder;

/** Outcome counters of a server, shared by its handlers and its receive loop. Thread-safe. */
public final class HandlerCounters {

    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];

    public HandlerCounters() {
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    /** Counts one datagram's outcome. Any thread. */
    public void count(Outcome outcome) {
        outcomes[outcome.ordinal()].increment();
    }

    /** Counts {@code outcome} and returns {@link DatagramHandler#NO_REPLY}: a drop in one line. */
    public int drop(Outcome outcome) {
        count(outcome);
        return DatagramHandler.NO_REPLY;
    }

    /** Counts a reply of {@code length} bytes and returns the length. */
    public int reply(int length) {
        count(Outcome.REPLIED);
        return length;
    }

    public HandlerStats snapshot() {
        return new HandlerStats(get(Outcome.REPLIED), get(Outcome.IGNORED), get(Outcome.MALFORMED),
                get(Outcome.OVERSIZED), get(Outcome.REJECTED), get(Outcome.OVERLOADED));
    }

    private long get(Outcome outcome) {
        return outcomes[outcome.ordinal()].sum();
    }
}
