package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;

import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.runtime.CoreMailbox;
import org.danian.framework.runtime.KThreadRunner;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;
import org.danian.spi.alloc.AllocationContext;
import org.danian.spi.alloc.CoreAllocationPolicy;
import org.danian.spi.alloc.CoreAllocator;
import org.danian.spi.alloc.CoreSet;

/**
 * The live engine without threads: a {@link Scheduler} whose loop the test steps with
 * {@link #step} under a clock it controls, and whose kthreads the test plays through the real
 * mailboxes ({@link #run}, {@link #park}). Everything is deterministic.
 */
final class EngineHarness {

    final RecordingLogger logger = new RecordingLogger();
    final PolicyRegistry registry = new PolicyRegistry();
    final ProcTable table;
    final RuntimeContext runtime;
    final Scheduler scheduler;
    final Engine engine;
    /** Every call the recording allocator heard, in words. */
    final List<String> heard = new ArrayList<>();
    /** The context the active allocator was given. */
    AllocationContext context;
    long now = 1_000_000;
    /** The kernel's metrics on the test clock. */
    final KernelMetrics metrics = new KernelMetrics(() -> now);

    /** Workers are the given cores; the poll interval is 10 µs. */
    EngineHarness(CoreTopology topology, String allocator, int... workers) {
        this.table = new ProcTable(topology);
        this.runtime = new RuntimeContext(topology, NativeThreadsLoader.unpinned("deterministic test"),
                new SpinThenPark(0, () -> now));
        registry.add(PolicyEntry.threadPick(new LruTestPolicy("lru"), PolicyEntry.NO_BUNDLE, PolicyEntry.NO_BUNDLE));
        registry.add(PolicyEntry.coreAllocation(new RecordingPolicy("recording"), PolicyEntry.NO_BUNDLE,
                PolicyEntry.NO_BUNDLE));
        registry.add(PolicyEntry.coreAllocation(new Spy(new SimpleAllocationPolicy()), PolicyEntry.NO_BUNDLE,
                PolicyEntry.NO_BUNDLE));
        EngineSettings settings = EngineSettings.withCores(topology, 0, workers).withPinning(false);
        this.scheduler = new Scheduler(table, registry, logger, "lru", allocator, settings, runtime, metrics);
        this.engine = scheduler.engine();
        scheduler.policiesChanged();
    }

    ProcEntry start(String name, int kthreads, org.danian.spi.Priority priority, int guaranteed, int max,
                    long thresholdNanos) {
        return scheduler.startProc(new ProcSpec(name, kthreads, priority, guaranteed, max, thresholdNanos, 1), false);
    }

    /** Advances the clock and runs one loop iteration. */
    void step(long advanceNanos) {
        now += advanceNanos;
        engine.iterate(now);
    }

    /** Queues a task stamped now on kthread {@code id}'s run queue. */
    void offer(ProcEntry proc, int id) {
        proc.runtime.queue(id).offer(() -> { }, now);
    }

    /** The kthread of {@code proc} that was woken, started on its core as its thread would. */
    KThreadEntry run(ProcEntry proc) {
        for (int id = 0; id < proc.kthreadCount(); id++) {
            KThreadRunner runner = proc.runtime.runner(id);
            long wake = runner.takeWake();
            if (wake != KThreadRunner.NO_WAKE) {
                runtime.mailbox(KThreadRunner.coreOf(wake)).runDone(KThreadRunner.generationOf(wake));
                return proc.kthread(id);
            }
        }
        throw new AssertionError("no kthread of " + proc + " was woken");
    }

    /**
     * Kthread {@code kthread}, running on {@code core}, parks as its thread would: it gives the
     * core up and, if a newer post waits, wakes that kthread.
     */
    void park(KThreadEntry kthread, int core) {
        CoreSlot slot = engine.slot(core);
        long generation = table.onCore(core) == kthread ? slot.generation : slot.leavingGeneration;
        long post = runtime.mailbox(core).park(generation);
        if (post != CoreMailbox.NONE) {
            assertNotEquals(kthread.token, CoreMailbox.kthreadOf(post), "a handover goes to another kthread");
            runtime.directory().get(CoreMailbox.kthreadOf(post)).wake(core, CoreMailbox.generationOf(post));
        }
    }

    /** Whether the kthread that runs {@code core} in the mailbox was asked to cede. */
    boolean cedeRequested(int core) {
        CoreSlot slot = engine.slot(core);
        long generation = slot.leaving != null ? slot.leavingGeneration : slot.generation;
        return runtime.mailbox(core).shouldCede(generation);
    }

    void assertInvariant() {
        assertEquals(List.of(), InvariantChecker.check(table), "kernel invariant");
    }

    /** A core allocator that only records what it hears; tests grant through {@link #context}. */
    final class RecordingPolicy implements CoreAllocationPolicy {
        private final String name;

        RecordingPolicy(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public CoreAllocator newAllocator(AllocationContext given) {
            context = given;
            return new CoreAllocator() {
                @Override
                public boolean attach(ProcView proc) {
                    heard.add("attach " + proc.spec().name());
                    return true;
                }

                @Override
                public void detach(ProcView proc) {
                    heard.add("detach " + proc.spec().name());
                }

                @Override
                public void congestion(ProcView proc, boolean congested, long delayNanos) {
                    heard.add("congestion " + proc.spec().name() + " " + congested + " " + delayNanos);
                }

                @Override
                public void coreNeeded(ProcView proc) {
                    heard.add("coreNeeded " + proc.spec().name());
                }

                @Override
                public void poll(long nowNanos, CoreSet newlyIdle) {
                    if (newlyIdle.size() > 0) {
                        StringBuilder cores = new StringBuilder("poll");
                        for (int i = 0; i < newlyIdle.size(); i++) {
                            cores.append(' ').append(newlyIdle.core(i));
                        }
                        heard.add(cores.toString());
                    }
                }
            };
        }
    }

    /** Wraps a real policy so that the test sees the context it was given. */
    final class Spy implements CoreAllocationPolicy {
        private final CoreAllocationPolicy real;

        Spy(CoreAllocationPolicy real) {
            this.real = real;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public CoreAllocator newAllocator(AllocationContext given) {
            context = given;
            return real.newAllocator(given);
        }
    }
}
