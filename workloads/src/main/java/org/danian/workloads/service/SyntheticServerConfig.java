package org.danian.workloads.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the synthetic server, PID {@value SyntheticServer#PID} (OSGi Compendium R8 §104, §105). */
@ObjectClassDefinition(id = SyntheticServer.PID, name = "Danian synthetic server",
        description = "Caladan's synthetic fake-work server on a live proc of the Danian engine.")
@interface SyntheticServerConfig {

    @AttributeDefinition(description = "UDP port; 0 for any free port (Caladan's default is 8000)")
    int port() default 8000;

    @AttributeDefinition(description = "Address to bind; 0.0.0.0 for every interface. The loopback by default:"
            + " the server answers anyone who reaches it (SECURITY.md)")
    String bind() default "127.0.0.1";

    @AttributeDefinition(description = "kthreads of the proc; 0 for one per core the kernel schedules")
    int kthreads() default 0;

    @AttributeDefinition(description = "latency-critical or best-effort")
    String priority() default "latency-critical";

    @AttributeDefinition(description = "Cores reserved for the proc")
    int guaranteedCores() default 0;

    @AttributeDefinition(description = "Most cores the proc may hold; 0 for as many as kthreads")
    int maxCores() default 0;

    @AttributeDefinition(description = "Queueing delay (µs) at or above which the proc is congested (Caladan: 10)")
    long delayThresholdMicros() default 10;

    @AttributeDefinition(description = "Lottery tickets of the proc, at least 1: its weight against other procs"
            + " under the lottery core allocator")
    int tickets() default 1;

    @AttributeDefinition(description = "Lottery tickets of each kthread, comma-separated, one per kthread (e.g."
            + " 4,1,1,1); empty for one ticket each. Ticket-weighted thread picks (lottery, stride) draw by them.")
    String kthreadTickets() default "";

    @AttributeDefinition(description = "Most work iterations one request may ask for; larger requests are rejected")
    long maxWorkIterations() default org.danian.workloads.synthetic.SyntheticHandler.DEFAULT_MAX_WORK_ITERATIONS;
}
