package org.danian.spi;

/** Scheduling class of a proc, as in Caladan's {@code SCHED_PRIO_*}. */
public enum Priority {
    /** Latency-critical: may take cores from best-effort procs above their guarantee. */
    LATENCY_CRITICAL,
    /** Best-effort: uses cores nobody latency-critical needs, and cedes them on request. */
    BEST_EFFORT
}
