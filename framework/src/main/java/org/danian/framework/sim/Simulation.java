package org.danian.framework.sim;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.danian.framework.engine.VirtualTimeKernel;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.StealOrder;
import org.danian.kernel.KernelSettings;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.pick.ThreadPickPolicy;

/**
 * One simulated run of a {@link Scenario}: builds the kernel ({@link VirtualTimeKernel}, the
 * real scheduling code) on a machine of {@code cores} worker cores in sibling pairs plus a
 * scheduler core, starts the procs, and processes events in time order until the scenario's
 * measured requests have all completed. Actors, each with at most one pending event: the
 * scheduler core ({@link SchedulerCoreModel}), one arrival source per open-loop proc or one
 * per closed-loop client, and every kthread ({@link KThreadPlayer}).
 *
 * <p>Random streams: one per source, each a {@code XO_RO_SHI_RO_128_PP} generator (Commons
 * RNG) seeded from the scenario's seed through {@code SPLIT_MIX_64}, in a fixed order (per proc:
 * its arrival stream, then its service stream), so a run depends only on its scenario, its
 * policies and its pick-cost table. Not thread-safe; one run per thread.
 */
public final class Simulation {

    static final int SCHEDULER = 0;
    /** Spreads the scenario's seed over the kthreads' steal orders (the golden-ratio constant). */
    private static final long STEAL_SEED_MIX = 0x9E3779B97F4A7C15L;

    final EventQueue events;
    final SimProcState[] procs;
    final SchedulerCoreModel scheduler;
    final KThreadPlayer player;
    /** Per core: the kthread started there and not parked since. */
    final SimKThread[] owners;
    private final Scenario scenario;
    private final VirtualTimeKernel kernel;
    private final SimKThread[] byToken;
    private final SimKThread[] kthreads;
    private final int firstKThreadActor;
    private final Source[] sources;
    private final boolean steerToKThreads;
    private final long warmupRequests;
    private long measuredIssued;
    private long measuredCompleted;
    private SimRequest free;
    private long eventCount;
    private long startNanos;
    long now;

    /**
     * Builds a run; {@link #run()} runs it.
     *
     * @param pickPolicies the thread-pick policies installed (the scenario names the active one)
     * @param allocationPolicies the core allocators installed
     * @param pickCosts the calibrated pick costs (used when the cost model charges them)
     * @throws IllegalArgumentException if the allocator refuses a proc, or a policy is not calibrated
     */
    public Simulation(Scenario scenario, List<ThreadPickPolicy> pickPolicies,
                      List<CoreAllocationPolicy> allocationPolicies, PickCostTable pickCosts) {
        this.scenario = scenario;
        CostModel costs = scenario.costs();
        if (costs.pickCharge() == CostModel.PickCharge.CALIBRATED && !pickCosts.covers(scenario.threadPick())) {
            throw new IllegalArgumentException("no pick cost calibrated for '" + scenario.threadPick()
                    + "'; calibrated: " + pickCosts.policies());
        }
        int cores = scenario.cores();
        CoreTopology topology = CoreTopology.siblingPairs(cores + 1); // the last core is the scheduler's
        List<Integer> workers = new ArrayList<>();
        for (int core = 0; core < cores; core++) {
            workers.add(core);
        }
        // No wall-clock pick budget: a pick slowed by a GC pause must not eject a policy, or a
        // rerun of the same inputs could take other decisions (the cost charged is the model's).
        KernelSettings settings = KernelSettings.withCores(topology, cores, workers)
                .withPollInterval(costs.pollIntervalNanos()).withPickBudget(Long.MAX_VALUE, Integer.MAX_VALUE);
        this.owners = new SimKThread[cores + 1];
        this.kernel = new VirtualTimeKernel(topology, settings, pickPolicies, allocationPolicies,
                scenario.threadPick(), scenario.coreAllocation(), () -> now, System.getLogger("org.danian.kernel.sim"));
        List<ProcWorkload> workloads = scenario.procs();
        int sourceCount = 0;
        int kthreadCount = 0;
        for (ProcWorkload workload : workloads) {
            sourceCount += workload.isOpen() ? 1 : workload.clients();
            kthreadCount += workload.spec().kthreads();
        }
        this.firstKThreadActor = 1 + sourceCount;
        int fastActors = 1; // the scheduler core, then the open-loop sources that come first
        for (ProcWorkload workload : workloads) {
            if (!workload.isOpen()) {
                break;
            }
            fastActors++;
        }
        this.events = new EventQueue(firstKThreadActor + kthreadCount, fastActors);
        this.procs = new SimProcState[workloads.size()];
        this.kthreads = new SimKThread[kthreadCount];
        this.sources = new Source[sourceCount];
        this.byToken = new SimKThread[kthreadCount + 1];
        UniformRandomProvider seeds = RandomSource.SPLIT_MIX_64.create(scenario.seed());
        int actor = firstKThreadActor;
        int source = 0;
        for (int p = 0; p < workloads.size(); p++) {
            ProcWorkload workload = workloads.get(p);
            ProcView view = kernel.startProc(workload.spec());
            ProcRuntime runtime = kernel.runtime(view);
            SimKThread[] own = new SimKThread[runtime.kthreadCount()];
            for (int id = 0; id < own.length; id++) {
                // The steal orders' seeds come from the scenario's seed without drawing from the
                // streams, so the arrivals and service times do not depend on the steering.
                StealOrder order = new StealOrder(id, own.length, topology, scenario.seed() ^ (STEAL_SEED_MIX * actor));
                own[id] = new SimKThread(actor, p, runtime.runner(id), order);
                kthreads[actor - firstKThreadActor] = own[id];
                placeToken(own[id]);
                actor++;
            }
            procs[p] = new SimProcState(p, workload, view, runtime, own, owners);
            UniformRandomProvider arrivals = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.nextLong());
            ServiceTime.Sampler service = workload.service().sampler(
                    RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.nextLong()));
            int count = workload.isOpen() ? 1 : workload.clients();
            for (int c = 0; c < count; c++, source++) {
                sources[source] = new Source(1 + source, procs[p], arrivals, service, c);
            }
        }
        this.steerToKThreads = scenario.runtime().steering() == RuntimeModel.Steering.KTHREADS;
        this.warmupRequests = Math.round(scenario.requests() * scenario.warmupFraction());
        int maxIdle = 1;
        for (ProcWorkload workload : workloads) {
            maxIdle = Math.max(maxIdle, workload.spec().kthreads());
        }
        this.scheduler = new SchedulerCoreModel(this, kernel, costs, pickCosts, maxIdle);
        this.player = new KThreadPlayer(this, kernel.runtime(), topology, costs, scenario.runtime());
    }

    private void placeToken(SimKThread kthread) {
        int token = kthread.token;
        if (token < 0 || token >= byToken.length) {
            throw new IllegalStateException("mailbox token out of the expected range: " + token);
        }
        byToken[token] = kthread;
    }

    /** Runs to the end and returns what it measured. */
    public SimResult run() {
        long wallStart = System.nanoTime();
        startNanos = now;
        for (Source source : sources) {
            source.start();
        }
        scheduler.requestIteration(now);
        while (measuredCompleted < scenario.requests() && !events.isEmpty()) {
            int actor = events.poll();
            now = events.current();
            eventCount++;
            if (actor == SCHEDULER) {
                scheduler.iterate(now);
            } else if (actor < firstKThreadActor) {
                sources[actor - 1].fire();
            } else {
                player.fire(kthreads[actor - firstKThreadActor]);
            }
        }
        if (measuredCompleted < scenario.requests()) {
            throw new IllegalStateException("the run stalled at " + now + " ns with " + measuredCompleted + " of "
                    + scenario.requests() + " requests completed: no event was pending");
        }
        return SimResult.of(scenario, kernel, this, scheduler, player, now - startNanos, eventCount,
                System.nanoTime() - wallStart);
    }

    boolean steersToKThreads() {
        return steerToKThreads;
    }

    boolean hasProcs() {
        return procs.length > 0;
    }

    SimKThread byToken(int token) {
        return byToken[token];
    }

    /** The simulated kthread started on {@code core} and not parked since, or null. */
    SimKThread onCore(int core) {
        return owners[core];
    }

    /** A request finished on a kthread at {@link #now}. */
    void completed(SimRequest request) {
        SimProcState proc = procs[request.proc];
        proc.completed++;
        if (request.recorded) {
            proc.record(now - request.arrivalNanos);
        }
        if (proc.workload.measured()) {
            measuredCompleted++;
        }
        if (request.clientActor >= 0) {
            Source client = sources[request.clientActor - 1];
            events.schedule(client.actor, now + proc.workload.thinkNanos());
        }
        request.nextFree = free;
        free = request;
    }

    private SimRequest newRequest() {
        SimRequest request = free;
        if (request == null) {
            return new SimRequest();
        }
        free = request.nextFree;
        request.nextFree = null;
        return request;
    }

    long measuredCompleted() {
        return measuredCompleted;
    }

    /** An open-loop arrival stream, or one closed-loop client. */
    private final class Source {
        final int actor;
        final SimProcState proc;
        final UniformRandomProvider random;
        final ServiceTime.Sampler service;
        /** A closed-loop client's flow (its connection), which steering maps to a kthread. */
        final int client;
        ZigguratSampler.Exponential unitGap;
        /** The arrival rate in force until {@link #rateUntil} (the next step; time only moves forward). */
        double rate;
        long rateUntil = Long.MIN_VALUE;

        Source(int actor, SimProcState proc, UniformRandomProvider random, ServiceTime.Sampler service, int client) {
            this.actor = actor;
            this.proc = proc;
            this.random = random;
            this.service = service;
            this.client = client;
        }

        void start() {
            if (proc.workload.isOpen()) {
                unitGap = ZigguratSampler.Exponential.of(random);
                scheduleNextArrival();
            } else {
                events.schedule(actor, now);
            }
        }

        /** Poisson: the gap is exponential at the rate in force; a rate step restarts it (memoryless). */
        private void scheduleNextArrival() {
            long from = now;
            while (true) {
                if (from >= rateUntil) { // the rate in force and its end, looked up once per step
                    rate = proc.workload.rateAt(from);
                    rateUntil = proc.workload.nextStepAfter(from);
                }
                long gap = Math.max(1, Math.round(unitGap.sample() * 1e9 / rate));
                long step = rateUntil;
                if (from + gap < step) {
                    events.schedule(actor, from + gap);
                    return;
                }
                from = step;
            }
        }

        void fire() {
            boolean measured = proc.workload.measured();
            if (measured && measuredIssued >= scenario.requests()) {
                return; // every measured request is out: this source is done
            }
            SimRequest request = newRequest();
            request.arrivalNanos = now;
            request.remainingNanos = service.next();
            request.proc = proc.index;
            request.clientActor = proc.workload.isOpen() ? -1 : actor;
            request.recorded = measured && measuredIssued >= warmupRequests;
            if (measured) {
                measuredIssued++;
            }
            long flow = proc.workload.isOpen() ? proc.arrived : client;
            proc.arrived++;
            if (proc.running == 0) {
                proc.runtime.tryIngress(request, now);
                scheduler.requestIteration(now); // core needed: the runtime raised it
            } else if (steerToKThreads) {
                SimKThread target = proc.steer(flow);
                target.queue.offer(request, now);
                proc.queuedInRunQueues++;
                proc.queueChanged(target.runner.kthreadId());
                player.workArrived(proc, target);
            } else {
                proc.runtime.tryIngress(request, now);
                player.workArrived(proc, null);
            }
            if (proc.workload.isOpen()) {
                scheduleNextArrival();
            }
        }
    }
}
