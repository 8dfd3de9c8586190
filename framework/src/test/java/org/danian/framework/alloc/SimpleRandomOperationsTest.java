package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.danian.spi.Priority;
import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random sequences of kernel events (congestion verdicts, core-needed, parks, cedes,
 * polls, detach and re-attach) against the rules that must hold after every step: the
 * allocator's core counts equal the kernel's, no grant is refused by the kernel, every
 * preemption obeys the rule, and a congested proc below its guarantee that can take a grant
 * gets one at once.
 */
class SimpleRandomOperationsTest {

    private static final int CORES = 8;
    private static final int STEPS = 20_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 42, 20_201_104})
    void theRulesHoldAfterEveryStep(long seed) {
        Random random = new Random(seed);
        FakeMachine machine = FakeMachine.siblingPairs(CORES);
        Harness harness = new Harness(machine);
        List<FakeProc> procs = randomProcs(random);
        harness.attach(procs.toArray(FakeProc[]::new));

        for (int step = 0; step < STEPS; step++) {
            int grantsBefore = machine.grants().size();
            String event = randomEvent(random, machine, harness, procs);
            for (int i = grantsBefore; i < machine.grants().size(); i++) {
                FakeMachine.Grant grant = machine.grants().get(i);
                assertTrue(Harness.preemptionAllowed(grant), "step " + step + ", " + event + ": " + grant);
            }
            for (FakeProc proc : procs) {
                assertEquals(machine.coresHeld(proc), harness.allocator.activeCores(proc),
                        () -> "cores of " + proc + " after " + event);
            }
            assertEquals(0, harness.allocator.refusedGrants(), event);
        }
        assertTrue(machine.grants().size() > STEPS / 20, "the walk exercised grants: " + machine.grants().size());
        assertTrue(machine.grants().stream().filter(grant -> grant.preempted() != null).count() > 10,
                "the walk exercised preemption");
    }

    /** Five procs, both classes, guarantees summing to at most the cores. */
    private static List<FakeProc> randomProcs(Random random) {
        List<FakeProc> procs = new ArrayList<>();
        int reserved = 0;
        for (int id = 0; id < 5; id++) {
            int kthreads = 1 + random.nextInt(CORES);
            int max = 1 + random.nextInt(kthreads);
            int guaranteed = Math.min(random.nextInt(max + 1), CORES - reserved);
            reserved += guaranteed;
            procs.add(random.nextBoolean()
                    ? FakeProc.lc(id, kthreads, guaranteed, max)
                    : FakeProc.be(id, kthreads, guaranteed, max));
        }
        return procs;
    }

    private static String randomEvent(Random random, FakeMachine machine, Harness harness,
                                      List<FakeProc> procs) {
        FakeProc proc = procs.get(random.nextInt(procs.size()));
        switch (random.nextInt(7)) {
            case 0, 1 -> {
                return congestedChecked(machine, harness, proc);
            }
            case 2 -> {
                harness.calm(proc);
                return "calm " + proc;
            }
            case 3 -> {
                if (machine.coresHeld(proc) == 0) {
                    harness.allocator.coreNeeded(proc);
                }
                return "core needed " + proc;
            }
            case 4 -> {
                int core = random.nextInt(CORES);
                if (machine.runningOn(core) != null) {
                    machine.park(core);
                }
                harness.allocator.poll(0, machine.takeNewlyIdle());
                return "park " + core;
            }
            case 5 -> {
                if (machine.coresHeld(proc) > 0) {
                    return "no detach of " + proc;
                }
                harness.allocator.detach(proc);
                assertTrue(harness.allocator.attach(proc), () -> "re-attach of " + proc);
                return "detach and re-attach " + proc;
            }
            default -> {
                machine.completeCedes();
                return "cedes";
            }
        }
    }

    /** A congestion verdict; below its guarantee with a kthread free, the proc must get a core. */
    private static String congestedChecked(FakeMachine machine, Harness harness, FakeProc proc) {
        boolean owed = machine.coresHeld(proc) < proc.spec().guaranteedCores()
                && machine.hasIdleKThread(proc);
        int held = machine.coresHeld(proc);
        harness.congested(proc);
        if (owed && machine.coresHeld(proc) != held + 1) {
            fail(proc + " (" + proc.spec().priority() + ") was owed a core and got none: held " + held);
        }
        return "congested " + proc + (proc.spec().priority() == Priority.BEST_EFFORT ? " (be)" : "");
    }
}
