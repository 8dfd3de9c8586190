package org.danian.framework.engine;

/**
 * Plain counters of the live engine, written by the scheduler thread only and read there
 * (by status snapshots), so they need no ordering. The metrics module replaces them with
 * histograms and per-proc series where it is installed; these stay as the kernel's own
 * cheap record.
 */
final class EngineCounters {

    long iterations;
    long slowPasses;
    long grants;
    /** Grants of a core another proc owned: the owner was asked to cede. */
    long preemptions;
    /** Grants refused because a switch was already in flight on the core. */
    long busyCoreRefusals;
    long reclaims;
    /** Parks the fast pass noticed (kthreads back in their idle set). */
    long parks;
    long coreNeeded;
    /** Grants whose picked kthread last ran on the granted core. */
    long localityHits;
    /** Grants whose picked kthread last ran on another core. */
    long migrations;
    long grantLatencyCount;
    long grantLatencySumNanos;
    long grantLatencyMaxNanos;
    long allocatorSwaps;
    long failedAllocatorSwaps;
    long allocatorEjections;

    void grantLatency(long nanos) {
        long clamped = Math.max(0, nanos);
        grantLatencyCount++;
        grantLatencySumNanos += clamped;
        grantLatencyMaxNanos = Math.max(grantLatencyMaxNanos, clamped);
    }
}
