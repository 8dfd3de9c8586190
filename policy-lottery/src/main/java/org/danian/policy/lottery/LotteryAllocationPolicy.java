package org.danian.policy.lottery;

import java.util.Objects;
import java.util.SplittableRandom;

import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * {@code lottery} core allocation: a contended core goes to a congested proc drawn by its
 * {@link org.danian.spi.ProcSpec#tickets() tickets} (lottery scheduling, Waldspurger and
 * Weihl, OSDI'94, applied to cores as Caladan's {@code sched_ops} hand them out).
 *
 * <p><b>What.</b> A proc the kernel finds congested puts its tickets into the draws, and
 * takes them out when it wins a core (one core per congestion decision, as Caladan's
 * {@code simple}), when it is found calm, or when one of its cores falls idle (its kthread ran
 * out of work). Each loop iteration: every idle core is drawn for among the waiting procs,
 * the winner running on a core one of its idle kthreads last used if that core is idle, else
 * on the lowest idle core; then, while no core is idle, a core that a best-effort proc holds
 * beyond its guarantee is drawn for among the waiting latency-critical procs. A drawn proc
 * that cannot take a core now (no idle kthread, grant refused) is set aside and the draw
 * repeated among the others. Guarantees are honoured as {@code simple} honours them: a proc
 * is attached only if all guarantees fit in the schedulable cores, and a congested proc below
 * its guarantee gets a core at once, without a draw, idle or taken from a proc above its
 * guarantee. A core is never taken from a proc at or below its guarantee, and a best-effort
 * proc never takes one from a latency-critical proc except for its guarantee. Waiting
 * congested procs wait for the next loop iteration, so all verdicts of one slow pass draw
 * together rather than in creation order.
 *
 * <p><b>Where it shines.</b> Overcommitted machines where procs of one class must share
 * cores in set proportions (tickets as shares) rather than first come, first served;
 * probabilistic fairness with no history to age or starve on.
 *
 * <p><b>Known weaknesses.</b> Fair only on average: over few contended cores a proc with
 * fewer tickets may wait several draws. Tickets decide among waiting procs only; a proc that
 * holds many cores is not made to give them back to match its share (no revocation beyond
 * {@code simple}'s preemption rule). Locality is second: the draw ignores where a proc's
 * caches are warm, and only the choice among idle cores for the winner considers it.
 * Preemption is a cooperative cede, so a latency-critical winner may wait for the
 * best-effort owner's next cede check.
 *
 * <p><b>Complexity</b> (P attached procs, C schedulable cores, K kthreads of the winner):
 * congestion O(log P), or O(C + K) when a guarantee is served; a draw O(log P); a grant after
 * a draw O(C + K) to choose the core; a poll O(newly idle cores + grants × (log P + C + K)),
 * plus O(log P) per proc set aside. Attach O(C), detach O(C). Nothing allocates after attach
 * (except when the ticket trees double, at an attach).
 *
 * <p><b>Configuration.</b> The draws come from one {@link SplittableRandom} per allocator,
 * seeded from the bundle's lottery seed: PID {@value LotteryPickPolicy#PID}, attribute
 * {@code seed}, shared with the {@code lottery} thread pick (see {@link LotteryPickPolicy}).
 * The allocator's stream is derived from that seed apart from every proc's thread-pick
 * stream, so the same seed and the same calls give the same grants.
 */
@Component(service = CoreAllocationPolicy.class, configurationPid = LotteryPickPolicy.PID,
        property = CoreAllocationPolicy.NAME_PROPERTY + "=" + LotteryAllocationPolicy.NAME)
public final class LotteryAllocationPolicy implements CoreAllocationPolicy {

    /** The name operators type. */
    public static final String NAME = "lottery";

    // Written by SCR's activation before the service object is handed out (SCR's own
    // synchronisation publishes it); volatile so that direct users of the no-arg path are safe.
    private volatile long seed;

    /** The Declarative Services path: the seed comes from {@link #activate}. */
    public LotteryAllocationPolicy() {
        this(LotteryPickPolicy.DEFAULT_SEED);
    }

    /** A policy with an explicit seed, for tests and benchmarks. */
    public LotteryAllocationPolicy(long seed) {
        this.seed = seed;
    }

    @Activate
    void activate(LotteryPickPolicy.Config config) {
        this.seed = config.seed();
    }

    /** The seed the allocators' streams are derived from. */
    public long seed() {
        return seed;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public CoreAllocator newAllocator(AllocationContext context) {
        return new LotteryAllocator(Objects.requireNonNull(context, "context"),
                new SplittableRandom(allocatorSeed(seed)));
    }

    /**
     * The seed of an allocator's stream: the thread pick's stream for proc id -1, which no
     * proc has (ids are at least 0), so it is apart from every proc's stream.
     */
    static long allocatorSeed(long seed) {
        return LotteryPickPolicy.streamSeed(seed, -1);
    }
}
