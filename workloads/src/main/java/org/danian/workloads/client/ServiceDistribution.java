package org.danian.workloads.client;

import java.util.SplittableRandom;

/**
 * Service-time distributions of the synthetic client, in work iterations around a mean
 * (Caladan's apps/synthetic; the bimodal parameters are the paper's).
 */
public enum ServiceDistribution {
    /** No work. */
    ZERO(0, 0, 0),
    /** Always the mean. */
    CONSTANT(0, 0, 0),
    /** Exponential with the given mean. */
    EXPONENTIAL(0, 0, 0),
    /** 90% at 0.5·mean, 10% at 5.5·mean. */
    BIMODAL1(0.9, 0.5, 5.5),
    /** 99.9% at 0.5·mean, 0.1% at 500.5·mean. */
    BIMODAL2(0.999, 0.5, 500.5),
    /** 99% at 0.5·mean, 1% at 5.5·mean. */
    BIMODAL3(0.99, 0.5, 5.5);

    private final double shortProbability;
    private final double shortFactor;
    private final double longFactor;

    ServiceDistribution(double shortProbability, double shortFactor, double longFactor) {
        this.shortProbability = shortProbability;
        this.shortFactor = shortFactor;
        this.longFactor = longFactor;
    }

    /** The name printed in the output's first column. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** One request's work iterations. */
    public long sample(SplittableRandom random, double mean) {
        return switch (this) {
            case ZERO -> 0;
            case CONSTANT -> (long) mean;
            case EXPONENTIAL -> (long) exponential(random, mean);
            default -> (long) (mean * (random.nextDouble() < shortProbability ? shortFactor : longFactor));
        };
    }

    /** An exponential variate of the given mean (inverse transform). */
    static double exponential(SplittableRandom random, double mean) {
        return -mean * Math.log(1.0 - random.nextDouble());
    }
}
