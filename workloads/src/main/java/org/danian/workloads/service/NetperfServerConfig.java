package org.danian.workloads.service;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the netperf server, PID {@value NetperfServer#PID} (OSGi Compendium R8 §104, §105). */
@ObjectClassDefinition(id = NetperfServer.PID, name = "Danian netperf server",
        description = "Caladan's 2021 netperf (UDP handshake, echo ports) and sockperf, on one control port,"
                + " served by a live proc of the Danian engine.")
@interface NetperfServerConfig {

    @AttributeDefinition(description = "UDP control port; 0 for any free port (Caladan's default is 8001)")
    int port() default 8001;

    @AttributeDefinition(description = "Address to bind (echo ports too); 0.0.0.0 for every interface. The"
            + " loopback by default: the server answers anyone who reaches it (SECURITY.md)")
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

    @AttributeDefinition(description = "Most netperf echo ports open at once, over all handshakes", min = "0")
    int maxEchoPorts() default 1024;

    @AttributeDefinition(description = "Most netperf echo ports one client address may hold at once (Caladan's"
            + " sweeps use up to 200 threads on a client node)", min = "0")
    int maxEchoPortsPerClient() default 256;

    @AttributeDefinition(description = "Seconds after which an echo port that received nothing is closed (a"
            + " client gone without its kill message)", min = "1")
    int echoIdleSeconds() default 30;

    @AttributeDefinition(description = "Netperf handshakes one client address may have answered per second,"
            + " sustained (each reply lists its echo ports: up to 1,032 bytes for an 8-byte request); 0 for no"
            + " limit", min = "0")
    double handshakesPerSecond() default 10;

    @AttributeDefinition(description = "Netperf handshakes one client address may have answered at once, before"
            + " handshakesPerSecond applies", min = "1")
    int handshakeBurst() default 20;
}
