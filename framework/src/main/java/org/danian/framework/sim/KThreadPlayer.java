package org.danian.framework.sim;

import org.danian.framework.runtime.CoreMailbox;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.StealOrder;
import org.danian.framework.runtime.TaskQueue;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;

/**
 * Plays the simulated kthreads through the real mailboxes and queues, with the rules of
 * {@code KThreadRunner} (Caladan's runtime, OSDI'20 §4.1): a woken kthread publishes run done
 * for its generation and takes work: its own run queue, then its proc's ingress queue, then a
 * steal ({@link TaskQueue#stealFrom}, half the difference, from the victims in
 * {@link org.danian.framework.runtime.StealOrder}'s order: the sibling core's kthread first,
 * then the others from a random start). It checks for a cede between requests and between the
 * slices of a request that yields ({@link RuntimeModel#yieldQuantumNanos}); without work it
 * spins, then parks in its core's mailbox, which gives the core back or hands it to the
 * kthread posted there meanwhile. Every park is a change the scheduler's fast pass must see,
 * so it asks the scheduler core for an iteration.
 */
final class KThreadPlayer {

    private final Simulation sim;
    private final RuntimeContext context;
    private final CoreTopology topology;
    private final CostModel costs;
    private final long yieldQuantum;
    long migrationsSibling;
    long migrationsRemote;
    long starts;
    /** Requests moved by steals, and steals that moved any. */
    long stolen;
    long steals;
    /** Slices that ended in a yield. */
    long yields;

    KThreadPlayer(Simulation sim, RuntimeContext context, CoreTopology topology, CostModel costs, RuntimeModel runtime) {
        this.sim = sim;
        this.context = context;
        this.topology = topology;
        this.costs = costs;
        long quantum = runtime.yieldQuantumNanos();
        this.yieldQuantum = quantum == 0 ? Long.MAX_VALUE : quantum;
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
        context.mailbox(core).starting(sim.now); // as KThreadRunner: the start's own time
        context.mailbox(core).runDone(kthread.generation);
        sim.procs[kthread.proc].started(kthread);
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
        SimRequest request = take(kthread, proc);
        if (request != null) {
            kthread.current = request;
            kthread.state = SimKThread.RUNNING;
            long slice = Math.min(request.remainingNanos, yieldQuantum);
            kthread.sliceNanos = slice;
            long service = slice + kthread.penaltyNanos;
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

    /** The next request: own run queue, then the ingress queue, then a steal; or null. */
    private SimRequest take(SimKThread kthread, SimProcState proc) {
        Runnable task = kthread.queue.poll();
        if (task != null) {
            proc.queuedInRunQueues--;
            proc.queueChanged(kthread.runner.kthreadId());
            return (SimRequest) task;
        }
        task = proc.ingress.poll();
        if (task != null) {
            return (SimRequest) task;
        }
        if (proc.queuedInRunQueues == 0) {
            return null; // every run queue is empty: nothing to steal (what the victim scan would find)
        }
        int victim = firstVictimWithWork(kthread, proc);
        if (victim < 0) {
            return null;
        }
        int moved = kthread.queue.stealFrom(proc.kthreads[victim].queue);
        steals++;
        stolen += moved;
        proc.queuedInRunQueues--;
        proc.queueChanged(victim);
        SimRequest request = (SimRequest) kthread.queue.poll();
        proc.queueChanged(kthread.runner.kthreadId());
        return request;
    }

    /**
     * The victim the runtime's steal loop would take from: the first, in {@link StealOrder}'s
     * order, whose queue is not empty ({@link TaskQueue#stealFrom} moves nothing from an empty
     * one, and this kthread's own queue is empty). The order is the real one, drawn from the
     * kthread's own {@code StealOrder} (its sibling's kthread, then every other from a random
     * start, wrapping around); only the empty queues are skipped through the proc's bitmap
     * instead of one by one, which at 4096 kthreads is the difference between a few word
     * reads and thousands of calls.
     */
    private int firstVictimWithWork(SimKThread kthread, SimProcState proc) {
        StealOrder order = kthread.stealOrder;
        order.start(kthread.core, proc.kthreadOnCore);
        int first = order.next();
        if (first == StealOrder.NONE) {
            return -1;
        }
        if (first == siblingVictim(kthread, proc)) {
            if (!proc.kthreads[first].queue.isEmpty()) {
                return first;
            }
            first = order.next();
            if (first == StealOrder.NONE) {
                return -1;
            }
        }
        // From the random start on, every kthread but this one and the sibling's, which both
        // have empty queues, so the first non-empty queue from there is the victim.
        return proc.nextNonEmpty(first);
    }

    /** StealOrder's first victim: the kthread of the same proc on this core's sibling, or NONE. */
    private int siblingVictim(SimKThread kthread, SimProcState proc) {
        int sibling = topology.sibling(kthread.core);
        if (sibling == KThreadView.NO_CORE) {
            return StealOrder.NONE;
        }
        int candidate = proc.kthreadOnCore.applyAsInt(sibling);
        return candidate >= 0 && candidate != kthread.runner.kthreadId() ? candidate : StealOrder.NONE;
    }

    private void finish(SimKThread kthread) {
        SimRequest request = kthread.current;
        kthread.current = null;
        request.remainingNanos -= kthread.sliceNanos;
        if (request.remainingNanos <= 0) {
            sim.completed(request);
            next(kthread);
            return;
        }
        // Yield: to the back of the queue it came from, stamped now (it is runnable again from now).
        yields++;
        SimProcState proc = sim.procs[kthread.proc];
        if (sim.steersToKThreads()) {
            kthread.queue.offer(request, sim.now);
            proc.queuedInRunQueues++;
            proc.queueChanged(kthread.runner.kthreadId());
        } else {
            proc.ingress.offer(request, sim.now);
        }
        next(kthread);
        if (kthread.state != SimKThread.RUNNING || kthread.current != request) {
            workArrived(proc, null); // work is queued behind a busy (or parked) kthread: a spinner may take it
        }
    }

    /**
     * Work arrived for {@code proc}, queued on {@code target}'s run queue (or on the ingress
     * queue when null): the target takes it now if it spins; else the kthread that has spun
     * longest takes it now, from the ingress queue or by a steal.
     */
    void workArrived(SimProcState proc, SimKThread target) {
        if (target != null && target.state == SimKThread.SPINNING && !target.woken) {
            target.woken = true;
            sim.events.schedule(target.actor, sim.now);
            return;
        }
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
        context.mailbox(core).leaving(sim.now); // as KThreadRunner: the park's own time
        long post = context.mailbox(core).park(kthread.generation);
        kthread.state = SimKThread.PARKED;
        kthread.woken = false;
        if (sim.owners[core] == kthread) {
            sim.owners[core] = null;
        }
        kthread.lastCore = core;
        kthread.core = KThreadView.NO_CORE;
        sim.events.cancel(kthread.actor);
        sim.procs[kthread.proc].left(kthread);
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
