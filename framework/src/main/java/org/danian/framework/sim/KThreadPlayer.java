package org.danian.framework.sim;

import org.danian.framework.runtime.CoreMailbox;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;

/**
 * Plays the simulated kthreads through the real mailboxes and queues, with the rules of
 * {@code KThreadRunner} (Caladan's runtime, OSDI'20 §4.1): a woken kthread publishes run done
 * for its generation and takes work (its own run queue, then its proc's ingress queue); it
 * checks for a cede between requests (cooperative: a request runs to its end); without work it
 * spins, then parks in its core's mailbox, which gives the core back or hands it to the
 * kthread posted there meanwhile. Every park is a change the scheduler's fast pass must see,
 * so it asks the scheduler core for an iteration.
 */
final class KThreadPlayer {

    private final Simulation sim;
    private final RuntimeContext context;
    private final CoreTopology topology;
    private final CostModel costs;
    long migrationsSibling;
    long migrationsRemote;
    long starts;

    KThreadPlayer(Simulation sim, RuntimeContext context, CoreTopology topology, CostModel costs) {
        this.sim = sim;
        this.context = context;
        this.topology = topology;
        this.costs = costs;
    }

    /** The kthread's event fired: what it means depends on its state. */
    void fire(SimKThread kthread) {
        switch (kthread.state) {
            case SimKThread.WAKING -> start(kthread);
            case SimKThread.RUNNING -> finish(kthread);
            case SimKThread.SPINNING -> {
                kthread.woken = false;
                next(kthread);
            }
            default -> throw new IllegalStateException("a parked kthread has no event: proc " + kthread.proc);
        }
    }

    /** {@code kthread} will run on {@code core} as {@code generation} once its wake-up completes. */
    void wake(SimKThread kthread, int core, long generation, long at) {
        kthread.state = SimKThread.WAKING;
        kthread.core = core;
        kthread.generation = generation;
        sim.events.schedule(kthread.actor, at);
    }

    private void start(SimKThread kthread) {
        int core = kthread.core;
        context.mailbox(core).runDone(kthread.generation);
        sim.procs[kthread.proc].running++;
        sim.owners[core] = kthread;
        starts++;
        sim.scheduler.requestIteration(sim.now); // the fast pass notices the start (grant latency)
        if (kthread.lastCore != KThreadView.NO_CORE && kthread.lastCore != core) {
            if (topology.sibling(core) == kthread.lastCore) {
                kthread.penaltyNanos += costs.migrationSiblingNanos();
                migrationsSibling++;
            } else {
                kthread.penaltyNanos += costs.migrationRemoteNanos();
                migrationsRemote++;
            }
        }
        next(kthread);
    }

    /** Between requests: cede if asked, else the next request, else spin. */
    private void next(SimKThread kthread) {
        if (context.mailbox(kthread.core).shouldCede(kthread.generation)) {
            park(kthread);
            return;
        }
        SimProcState proc = sim.procs[kthread.proc];
        Runnable task = kthread.runner.queue().poll();
        if (task == null) {
            task = proc.ingress.poll();
        }
        if (task != null) {
            SimRequest request = (SimRequest) task;
            kthread.current = request;
            kthread.state = SimKThread.RUNNING;
            long service = request.serviceNanos + kthread.penaltyNanos;
            kthread.penaltyNanos = 0;
            sim.events.schedule(kthread.actor, sim.now + service);
            return;
        }
        if (kthread.state != SimKThread.SPINNING) {
            kthread.state = SimKThread.SPINNING;
            long spin = costs.kthreadSpinNanos();
            kthread.spinUntil = spin == CostModel.NEVER_PARK ? Long.MAX_VALUE : sim.now + spin;
        }
        proc.spinStarted(kthread.runner.kthreadId()); // afresh: a woken kthread that found no work spins on
        if (sim.now >= kthread.spinUntil) {
            park(kthread);
        } else if (kthread.spinUntil != Long.MAX_VALUE) {
            sim.events.schedule(kthread.actor, kthread.spinUntil);
        } else {
            sim.events.cancel(kthread.actor);
        }
    }

    private void finish(SimKThread kthread) {
        SimRequest request = kthread.current;
        kthread.current = null;
        sim.completed(request);
        next(kthread);
    }

    /** Work arrived for {@code proc}: the kthread that has spun longest takes it now. */
    void workArrived(SimProcState proc) {
        SimKThread spinning = proc.takeSpinning();
        if (spinning != null) {
            spinning.woken = true;
            sim.events.schedule(spinning.actor, sim.now);
        }
    }

    /** The scheduler asked this spinning kthread's core back: it notices at {@code at}. */
    void cedeSeen(SimKThread kthread, long at) {
        if (kthread.state == SimKThread.SPINNING) {
            kthread.woken = true;
            sim.events.schedule(kthread.actor, at);
        }
    }

    /** Parks in the core's mailbox, handing the core over if a post waits (KThreadRunner.runFrom). */
    private void park(SimKThread kthread) {
        int core = kthread.core;
        long post = context.mailbox(core).park(kthread.generation);
        kthread.state = SimKThread.PARKED;
        kthread.woken = false;
        if (sim.owners[core] == kthread) {
            sim.owners[core] = null;
        }
        kthread.lastCore = core;
        kthread.core = KThreadView.NO_CORE;
        sim.events.cancel(kthread.actor);
        sim.procs[kthread.proc].running--;
        if (post != CoreMailbox.NONE) {
            SimKThread next = sim.byToken(CoreMailbox.kthreadOf(post));
            if (next == kthread) { // re-posted to itself meanwhile: keep running
                kthread.state = SimKThread.WAKING;
                kthread.core = core;
                kthread.generation = CoreMailbox.generationOf(post);
                kthread.lastCore = core;
                start(kthread);
                return;
            }
            wake(next, core, CoreMailbox.generationOf(post), sim.now + costs.wakeLatencyNanos());
        }
        sim.scheduler.requestIteration(sim.now);
    }
}
