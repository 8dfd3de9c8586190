package org.danian.workloads.server;

/** What became of one received datagram. Exactly one per datagram. */
public enum Outcome {
    /** Answered. */
    REPLIED,
    /** Valid, and by its protocol needs no answer (sockperf without PONG_REQUEST, warm-up or
     *  non-client messages; netperf's kill). */
    IGNORED,
    /** Dropped: does not parse (too short, wrong length field, unknown magic). */
    MALFORMED,
    /** Dropped: longer than the protocol allows. */
    OVERSIZED,
    /** Dropped: well formed but refused (more work or more ports than the server allows). */
    REJECTED,
    /** Dropped by the server before a handler saw it (its queue of requests was full). */
    OVERLOADED
}
