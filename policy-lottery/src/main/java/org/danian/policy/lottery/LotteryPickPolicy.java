package org.danian.policy.lottery;

import java.util.SplittableRandom;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * {@code lottery}: lottery scheduling (Waldspurger and Weihl, OSDI'94) applied to the thread
 * pick — each grant holds a lottery among the proc's idle kthreads, each kthread holding
 * {@link org.danian.spi.KThreadView#tickets()} tickets, so over many grants a kthread runs in
 * proportion to its tickets.
 *
 * <p><b>What.</b> The idle set is a partial-sum tree of tickets over kthread ids
 * ({@link TicketTree}; Waldspurger and Weihl §4.2 propose a tree of partial sums for large
 * client counts). A pick draws a ticket uniformly among the idle tickets and descends the tree
 * to its holder. The requested core plays no part. Each picker owns a
 * {@link SplittableRandom} derived from the configured {@code seed} and the proc id, so a run
 * reproduces exactly from its configuration.
 *
 * <p><b>Where it shines.</b> Proportional share among kthreads (tickets express importance),
 * probabilistic fairness with no per-kthread history to age, and cost that grows only
 * logarithmically with the number of idle kthreads.
 *
 * <p><b>Known weaknesses.</b> No locality: the chosen kthread last ran on the granted core
 * only by chance (about one in the number of cores in use), so caches are cold where
 * {@code caladan} would find a warm kthread. Shares hold only on average: over few grants a
 * kthread may wait long (variance of the binomial draw). A draw costs a random number and a
 * tree descent, more than an O(1) memo lookup when idle sets are small.
 *
 * <p><b>Complexity.</b> park O(log n); pick O(log n); remove O(log n); n = kthreads of the
 * proc. No allocation after {@link #newPicker}.
 *
 * <p><b>Configuration.</b> PID {@value #PID}, attribute {@code seed} (long, default
 * {@value #DEFAULT_SEED}). A changed configuration re-creates the component, and so the
 * pickers of the next swap to this policy, with the new seed.
 */
@Component(service = ThreadPickPolicy.class, configurationPid = LotteryPickPolicy.PID,
        property = ThreadPickPolicy.NAME_PROPERTY + "=" + LotteryPickPolicy.NAME)
@Designate(ocd = LotteryPickPolicy.Config.class)
public final class LotteryPickPolicy implements ThreadPickPolicy {

    /** The name operators type: {@code danian:policy lottery}. */
    public static final String NAME = "lottery";

    /** Configuration PID of the seed. */
    public static final String PID = "org.danian.policy.lottery";

    /** Seed used when none is configured: fixed, so unconfigured runs reproduce too. */
    public static final long DEFAULT_SEED = 0x5EED_DA41_A000_0001L;

    /** The Metatype description of this policy's configuration. */
    @ObjectClassDefinition(id = PID, name = "Danian lottery thread pick",
            description = "Seed of the lottery draws; a run with the same seed and the same "
                    + "operations makes the same picks.")
    public @interface Config {
        /** The seed every proc's random stream is derived from, with the proc id. */
        @AttributeDefinition(description = "Seed of the random streams (one per proc, derived "
                + "from this seed and the proc id).")
        long seed() default DEFAULT_SEED;
    }

    // Written by SCR's activation before the service object is handed out (SCR's own
    // synchronisation publishes it); volatile so that direct users of the no-arg path are safe.
    private volatile long seed;

    /** The Declarative Services path: the seed comes from {@link #activate(Config)}. */
    public LotteryPickPolicy() {
        this(DEFAULT_SEED);
    }

    /** A policy with an explicit seed, for tests and benchmarks. */
    public LotteryPickPolicy(long seed) {
        this.seed = seed;
    }

    @Activate
    void activate(Config config) {
        this.seed = config.seed();
    }

    /** The seed the pickers' streams are derived from. */
    public long seed() {
        return seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new LotteryPicker(proc, new SplittableRandom(streamSeed(seed, proc.id())));
    }

    /**
     * The seed of one proc's stream. Seeds {@code s} and {@code s + k·γ} would give the same
     * SplittableRandom sequence shifted by k draws, so the proc id is mixed in through the
     * SplitMix64 finalizer rather than added.
     */
    static long streamSeed(long seed, int procId) {
        return mix64(seed ^ mix64(0x9E37_79B9_7F4A_7C15L * (procId + 1L)));
    }

    private static long mix64(long value) {
        long z = (value ^ (value >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
