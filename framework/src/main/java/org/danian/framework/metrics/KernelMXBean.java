package org.danian.framework.metrics;

import java.util.Map;

/** The kernel's metrics over all procs, registered as {@code org.danian:type=Kernel}. */
public interface KernelMXBean extends SchedulingStats {

    /** Procs attached now. */
    int getAttachedProcs();

    /** Policies ejected for breaking their contract. */
    long getEjections();

    /** Ejections per policy name. */
    Map<String, Long> getEjectionsByPolicy();
}
