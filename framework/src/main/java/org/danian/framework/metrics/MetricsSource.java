package org.danian.framework.metrics;

/**
 * Where the {@code danian:stats} command gets its numbers: implemented by the kernel and
 * registered as a service of the framework bundle (it is private to the bundle, so only the
 * bundle's own components see it).
 */
public interface MetricsSource {

    /**
     * Any thread except the scheduler thread: the kernel's metrics now. Never null; may
     * allocate and take microseconds per proc.
     */
    MetricsSnapshot metrics();
}
