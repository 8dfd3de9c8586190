package org.danian.benchmarks;

import org.danian.policy.caladan.CaladanPickPolicy;
import org.danian.policy.danian.DanianExactPickPolicy;
import org.danian.policy.danian.DanianPickPolicy;
import org.danian.policy.lottery.LotteryPickPolicy;
import org.danian.policy.lottery.StridePickPolicy;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * The thread-pick policies the benchmarks measure, by the names operators use: the shipped
 * ones, and any policy bundle on the class path ({@link ClassPathPolicies}).
 */
public final class Policies {

    /** Seed of the lottery in every benchmark, so two runs draw the same stream. */
    static final long LOTTERY_SEED = 1;

    private Policies() {
    }

    /**
     * A new instance of the named policy: a shipped one, else one of a bundle on the class path.
     *
     * @throws IllegalArgumentException naming the unknown policy
     */
    public static ThreadPickPolicy byName(String name) {
        switch (name) {
            case CaladanPickPolicy.NAME:
                return new CaladanPickPolicy();
            case DanianPickPolicy.NAME:
                return new DanianPickPolicy();
            case DanianExactPickPolicy.NAME:
                return new DanianExactPickPolicy();
            case LotteryPickPolicy.NAME:
                return new LotteryPickPolicy(LOTTERY_SEED);
            case StridePickPolicy.NAME:
                return new StridePickPolicy();
            default:
                ThreadPickPolicy onClassPath = ClassPathPolicies.find(name);
                if (onClassPath == null) {
                    throw new IllegalArgumentException("unknown thread-pick policy: '" + name + "' (neither shipped"
                            + " nor in a bundle on the class path; add the policy's jar to -cp)");
                }
                return onClassPath;
        }
    }
}
