package org.danian.framework.sim;

import org.danian.framework.engine.VirtualTimeKernel;
import org.danian.framework.runtime.CoreMailbox;
import org.danian.framework.runtime.KThreadRunner;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.kernel.PolicyKind;

/**
 * The scheduler core in virtual time. Caladan's IOKernel spins on its core forever
 * (OSDI'20 §4); here an iteration of the real loop ({@code Engine.iterate}: fast pass, core
 * needed, the slow pass when due, the policy pass) runs when something it must see happened
 * (a kthread parked, work came for a proc with no running kthread) or when the slow pass is
 * due, but never before the previous iteration's modelled cost has elapsed. An iteration
 * costs {@link CostModel#fastPassPerCoreNanos} per worker core, plus
 * {@link CostModel#slowPassPerProcNanos} per proc when the slow pass ran, plus
 * {@link CostModel#grantNanos} and one pick charge per grant. The grants it made take effect
 * at its end: a kthread woken on an idle core starts {@link CostModel#wakeLatencyNanos} later.
 *
 * <p>After each iteration the model reads every worker core's mailbox to learn what the
 * kernel did (new posts are grants; a cede request reaches a spinning kthread at once), so it
 * needs no hook inside the engine.
 */
final class SchedulerCoreModel {

    private final Simulation sim;
    private final VirtualTimeKernel kernel;
    private final RuntimeContext context;
    private final CostModel costs;
    private final int[] workers;
    /** The cores' mailboxes, read twice per worker core per iteration. */
    private final CoreMailbox[] mailboxes;
    private final long[] lastPosted;
    private final int[] grantsThisIteration;
    /** The kthread posted to each core in this iteration, or null. */
    private final SimKThread[] chosenOn;
    private final PickCostTable table;
    private PickCostTable.Charger charger;
    private String chargedPolicy;
    private final int maxIdle;
    private long busyUntil = Long.MIN_VALUE;
    private long lastSlowPass;
    private boolean slowPassDone;
    long busyNanos;
    /** A hash of every grant in order (time, core, kthread token, generation): equal runs, equal hash. */
    long grantTrace = 17;
    long iterations;
    long picks;
    double pickNanos;
    /** Picks and their charged cost, by floor(log2(idle-set size)). */
    final long[] picksBySize = new long[32];
    final double[] pickNanosBySize = new double[32];

    SchedulerCoreModel(Simulation sim, VirtualTimeKernel kernel, CostModel costs, PickCostTable table, int maxIdle) {
        this.sim = sim;
        this.kernel = kernel;
        this.context = kernel.runtime();
        this.costs = costs;
        this.table = table;
        this.maxIdle = maxIdle;
        this.workers = kernel.workers();
        this.lastPosted = new long[context.topology().coreCount()];
        this.mailboxes = new CoreMailbox[lastPosted.length];
        for (int core = 0; core < mailboxes.length; core++) {
            mailboxes[core] = context.mailbox(core);
        }
        for (int core : workers) {
            lastPosted[core] = context.mailbox(core).posted();
        }
        this.grantsThisIteration = new int[sim.procs.length];
        this.chosenOn = new SimKThread[lastPosted.length];
    }

    /** Something the loop must see happened at {@code at}: iterate then, or once the core is free. */
    void requestIteration(long at) {
        long when = Math.max(at, busyUntil);
        if (!sim.events.isScheduled(Simulation.SCHEDULER) || sim.events.timeOf(Simulation.SCHEDULER) > when) {
            sim.events.schedule(Simulation.SCHEDULER, when);
        }
    }

    /** The scheduler core's event: one loop iteration at {@code now}. */
    void iterate(long now) {
        boolean slowPass = !slowPassDone || now - lastSlowPass >= costs.pollIntervalNanos();
        kernel.iterate(now);
        iterations++;
        if (slowPass) {
            lastSlowPass = now;
            slowPassDone = true;
        }
        double cost = costs.fastPassPerCoreNanos() * workers.length
                + (slowPass ? costs.slowPassPerProcNanos() * sim.procs.length : 0);
        int grants = 0;
        for (int core : workers) {
            grants += observeGrant(core);
        }
        cost += grants * costs.grantNanos() + chargePicks();
        long end = now + Math.round(cost);
        busyNanos += end - now;
        busyUntil = end;
        for (int core : workers) {
            wakeOrCede(core, end);
        }
        if (sim.hasProcs()) {
            sim.events.schedule(Simulation.SCHEDULER, Math.max(end, lastSlowPass + costs.pollIntervalNanos()));
        }
    }

    /** Counts the posts made to {@code core} in this iteration (grants); returns how many. */
    private int observeGrant(int core) {
        long posted = mailboxes[core].posted();
        if (posted == lastPosted[core]) {
            return 0;
        }
        int count = (int) (CoreMailbox.generationOf(posted) - CoreMailbox.generationOf(lastPosted[core]));
        SimKThread chosen = sim.byToken(CoreMailbox.kthreadOf(posted));
        grantTrace = ((grantTrace * 31 + sim.now) * 31 + core) * 31 + posted;
        grantsThisIteration[chosen.proc] += count;
        chosenOn[core] = chosen;
        return count;
    }

    /** Wakes the kthreads posted to idle cores; tells spinning owners asked to cede. */
    private void wakeOrCede(int core, long end) {
        CoreMailbox mailbox = mailboxes[core];
        long posted = mailbox.posted();
        if (posted != lastPosted[core]) {
            lastPosted[core] = posted;
            SimKThread chosen = sim.byToken(CoreMailbox.kthreadOf(posted));
            long wake = chosen.runner.takeWake();
            if (wake != KThreadRunner.NO_WAKE) {
                sim.player.wake(chosen, KThreadRunner.coreOf(wake), KThreadRunner.generationOf(wake),
                        end + costs.wakeLatencyNanos());
            }
        }
        SimKThread owner = sim.onCore(core);
        if (owner != null && owner.state == SimKThread.SPINNING && mailbox.shouldCede(owner.generation)) {
            sim.player.cedeSeen(owner, end);
        }
    }

    /**
     * Charges this iteration's picks. All grants of an iteration follow its parks (the fast
     * pass comes first), so a proc granted k cores picked among idle+k, idle+k-1, … idle+1
     * kthreads, where idle is its idle-set size now.
     */
    private double chargePicks() {
        double sum = 0;
        for (SimProcState proc : sim.procs) {
            if (grantsThisIteration[proc.index] > 0) {
                grantsThisIteration[proc.index] += kernel.idleCount(proc.view); // idle size at the first pick
            }
        }
        for (int core : workers) {
            SimKThread chosen = chosenOn[core];
            if (chosen == null) {
                continue;
            }
            chosenOn[core] = null;
            int idle = grantsThisIteration[chosen.proc]--;
            boolean local = chosen.lastCore == core
                    || (chosen.lastCore >= 0 && context.topology().sibling(core) == chosen.lastCore);
            double nanos = pickCharge(idle, local);
            picks++;
            pickNanos += nanos;
            int bucket = 31 - Integer.numberOfLeadingZeros(Math.max(1, idle));
            picksBySize[bucket]++;
            pickNanosBySize[bucket] += nanos;
            sum += nanos;
        }
        java.util.Arrays.fill(grantsThisIteration, 0);
        return sum;
    }

    private double pickCharge(int idle, boolean local) {
        if (costs.pickCharge() == CostModel.PickCharge.FIXED) {
            return costs.fixedPickNanos();
        }
        String active = kernel.activePolicy(PolicyKind.THREAD_PICK);
        if (active == null) {
            return 0; // the kernel's built-in rule: the oldest idle kthread, O(1)
        }
        if (!active.equals(chargedPolicy)) {
            charger = table.charger(active, maxIdle);
            chargedPolicy = active;
        }
        return charger.nanos(idle, local);
    }
}
