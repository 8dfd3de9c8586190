package org.danian.framework.metrics;

/**
 * The attributes the kernel's and each proc's MXBean share (JMX, Java SE
 * {@code javax.management} MXBean rules: simple open types only). Latencies are in
 * microseconds, pick costs in nanoseconds. Every read takes a fresh reading.
 */
public interface SchedulingStats {

    /** Cores held now. */
    int getCoresHeld();

    /** Core-seconds consumed. */
    double getCoreSeconds();

    long getGrants();

    long getPicks();

    /** Picks whose kthread last ran on the granted core. */
    long getLocalityHits();

    /** Locality hits per pick, from 0 to 1. */
    double getLocalityHitRate();

    /** Picks whose kthread last ran on another core. */
    long getMigrations();

    /** Grant latencies recorded (congestion detected → kthread running on the core). */
    long getGrantLatencyCount();

    double getGrantLatencyP50Micros();

    double getGrantLatencyP90Micros();

    double getGrantLatencyP99Micros();

    double getGrantLatencyP999Micros();

    double getGrantLatencyMaxMicros();

    /** Picks whose cost was sampled. */
    long getPickCostSamples();

    long getPickCostP50Nanos();

    long getPickCostP99Nanos();
}
