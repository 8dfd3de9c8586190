package org.danian.framework.sim;

import java.util.List;

import org.danian.spi.ProcSpec;

/**
 * One simulated proc and the load it receives: its spec (kthreads, priority, guaranteed and
 * maximum cores, congestion threshold, as a live proc's) and either an open-loop Poisson
 * stream whose rate may step over time, or a closed loop of clients (netperf's request and
 * response: each client sends, waits for the reply, waits its think time, sends again).
 *
 * @param spec the proc, as the kernel starts it
 * @param service the service time of its requests
 * @param rateSteps for open loop: the arrival rate (requests per second) from each step's
 *     start; empty for a closed loop
 * @param clients for a closed loop: the number of clients; 0 for open loop
 * @param thinkNanos for a closed loop: from a reply to the client's next request (the network
 *     round trip and the client's own time)
 * @param measured whether its requests count toward the run's length and latency figures
 *     (false for a best-effort background proc)
 */
public record ProcWorkload(ProcSpec spec, ServiceTime service, List<RateStep> rateSteps, int clients,
                           long thinkNanos, boolean measured) {

    /** From {@code atNanos} on, arrivals come at {@code perSecond}. */
    public record RateStep(long atNanos, double perSecond) {
        public RateStep {
            if (atNanos < 0 || !(perSecond > 0)) {
                throw new IllegalArgumentException("a rate step needs atNanos >= 0 and a positive rate: "
                        + atNanos + ", " + perSecond);
            }
        }
    }

    public ProcWorkload {
        rateSteps = List.copyOf(rateSteps);
        if (spec == null || service == null) {
            throw new IllegalArgumentException("spec and service must not be null");
        }
        if (rateSteps.isEmpty() == (clients == 0)) {
            throw new IllegalArgumentException("proc '" + spec.name()
                    + "' needs either rate steps (open loop) or clients (closed loop): " + rateSteps + ", " + clients);
        }
        if (clients < 0 || thinkNanos < 0) {
            throw new IllegalArgumentException("clients and thinkNanos must be at least 0: " + clients + ", "
                    + thinkNanos);
        }
        if (!rateSteps.isEmpty() && rateSteps.get(0).atNanos() != 0) {
            throw new IllegalArgumentException("the first rate step must start at 0: " + rateSteps.get(0));
        }
    }

    /** An open-loop Poisson stream at a constant rate. */
    public static ProcWorkload open(ProcSpec spec, ServiceTime service, double perSecond) {
        return new ProcWorkload(spec, service, List.of(new RateStep(0, perSecond)), 0, 0, true);
    }

    /** A closed loop of {@code clients} clients. */
    public static ProcWorkload closed(ProcSpec spec, ServiceTime service, int clients, long thinkNanos,
                                      boolean measured) {
        return new ProcWorkload(spec, service, List.of(), clients, thinkNanos, measured);
    }

    public boolean isOpen() {
        return clients == 0;
    }

    /** The rate in force at {@code nowNanos}. */
    double rateAt(long nowNanos) {
        double rate = rateSteps.get(0).perSecond();
        for (RateStep step : rateSteps) {
            if (step.atNanos() <= nowNanos) {
                rate = step.perSecond();
            }
        }
        return rate;
    }

    /** The start of the first step after {@code nowNanos}, or {@link Long#MAX_VALUE}. */
    long nextStepAfter(long nowNanos) {
        for (RateStep step : rateSteps) {
            if (step.atNanos() > nowNanos) {
                return step.atNanos();
            }
        }
        return Long.MAX_VALUE;
    }
}
