package org.danian.framework.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * A request's service time distribution, by the names of Caladan's synthetic client
 * ({@code apps/synthetic}): {@code constant}, {@code exponential}, and {@code bimodal}
 * (its bimodal1: 90% of requests take half the mean, 10% take 5.5 times it, so the mean is
 * kept).
 *
 * @param kind the distribution
 * @param meanNanos its mean, at least 1 ns
 */
public record ServiceTime(Kind kind, long meanNanos) {

    /** The distributions. */
    public enum Kind {
        CONSTANT, EXPONENTIAL, BIMODAL;

        /** The kind of a lower-case name. */
        public static Kind named(String name) {
            for (Kind kind : values()) {
                if (kind.label().equals(name)) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown service distribution '" + name
                    + "'; valid: constant, exponential, bimodal");
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ServiceTime {
        if (kind == null) {
            throw new IllegalArgumentException("kind must not be null");
        }
        if (meanNanos < 1) {
            throw new IllegalArgumentException("meanNanos must be at least 1: " + meanNanos);
        }
    }

    /** A sampler of this distribution drawing from {@code random} (its own stream). */
    Sampler sampler(UniformRandomProvider random) {
        switch (kind) {
            case CONSTANT:
                return () -> meanNanos;
            case EXPONENTIAL: {
                ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(random, meanNanos);
                return () -> Math.max(1, Math.round(exponential.sample()));
            }
            default: {
                long shortNanos = Math.max(1, meanNanos / 2);
                long longNanos = Math.max(1, meanNanos * 11 / 2);
                return () -> random.nextInt(10) == 0 ? longNanos : shortNanos;
            }
        }
    }

    /** Draws service times. */
    interface Sampler {
        long next();
    }
}
