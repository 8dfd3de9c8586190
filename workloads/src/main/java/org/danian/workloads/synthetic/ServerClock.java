package org.danian.workloads.synthetic;

import java.time.Instant;

/**
 * The server timestamp put in synthetic replies: microseconds since the Unix epoch, read from
 * the monotonic clock against one wall-clock reading taken at start (no allocation per
 * request, and never going backwards within a run).
 */
final class ServerClock {

    private static final long EPOCH_MICROS_AT_START;
    private static final long NANOS_AT_START;

    static {
        Instant now = Instant.now();
        NANOS_AT_START = System.nanoTime();
        EPOCH_MICROS_AT_START = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    private ServerClock() {
    }

    static long micros() {
        return EPOCH_MICROS_AT_START + (System.nanoTime() - NANOS_AT_START) / 1_000;
    }
}
