package org.danian.framework.metrics;

/** One proc's metrics, registered as {@code org.danian:type=Proc,name=<proc name>}. */
public interface ProcMXBean extends SchedulingStats {

    /** The proc's id in the kernel. */
    int getId();

    /** The proc's name. */
    String getName();

    /** Latest CPU time of each kthread in nanoseconds, by kthread id. */
    long[] getKThreadCpuNanos();
}
