package org.danian.framework.metrics;

import java.util.Map;

/** The kernel's metrics over all procs, registered as {@code org.danian:type=Kernel}. */
public interface KernelMXBean extends SchedulingStats {

    /** Procs attached now. */
    int getAttachedProcs();

    /** Policies ejected for breaking their contract, both kinds. */
    long getEjections();

    /** Scheduler loop iterations that ran the engine's passes. */
    long getLoopIterations();

    /** Slow passes (each proc's delay measured). */
    long getSlowPasses();

    /** Grants that asked another proc's kthread to cede its core. */
    long getPreemptions();

    /** Successful swaps of the thread-pick slot. */
    long getThreadPickSwaps();

    /** Successful swaps of the core-allocation slot. */
    long getCoreAllocationSwaps();

    /** Packets whose handler returned without answering them. */
    long getPacketsUnanswered();

    /** Ejections per policy name. */
    Map<String, Long> getEjectionsByPolicy();
}
