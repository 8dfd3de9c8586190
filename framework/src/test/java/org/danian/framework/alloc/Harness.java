package org.danian.framework.alloc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.danian.spi.Priority;
import org.danian.spi.alloc.testing.FakeMachine;
import org.danian.spi.alloc.testing.FakeProc;

/** A {@link FakeMachine} with a {@code simple} allocator attached to it, and the usual moves. */
final class Harness {

    /** A delay above the default threshold, as the kernel reports for a congested proc. */
    static final long CONGESTED_DELAY = 25_000;

    final FakeMachine machine;
    final SimpleAllocator allocator;

    Harness(FakeMachine machine) {
        this.machine = machine;
        this.allocator = (SimpleAllocator) new SimpleAllocationPolicy().newAllocator(machine);
    }

    /** Attaches each proc (after any {@link FakeMachine#place}), asserting it is accepted. */
    Harness attach(FakeProc... procs) {
        for (FakeProc proc : procs) {
            assertTrue(allocator.attach(proc), () -> "attach refused " + proc);
        }
        return this;
    }

    /** The slow pass found {@code proc} congested. */
    void congested(FakeProc proc) {
        allocator.congestion(proc, true, CONGESTED_DELAY);
    }

    /** The slow pass found {@code proc} not congested. */
    void calm(FakeProc proc) {
        allocator.congestion(proc, false, 0);
    }

    /** The kthread on each core parks; then one loop iteration polls the allocator. */
    void parkAndPoll(int... cores) {
        for (int core : cores) {
            machine.park(core);
        }
        allocator.poll(0, machine.takeNewlyIdle());
    }

    /** Asserts that the allocator's count of cores held agrees with the kernel's. */
    void assertLedgerAgrees(FakeProc... procs) {
        for (FakeProc proc : procs) {
            assertEquals(machine.coresHeld(proc), allocator.activeCores(proc), () -> "cores of " + proc);
        }
    }

    /** Asserts that the last grant was {@code core} to {@code proc}, and returns it. */
    FakeMachine.Grant assertLastGrant(int core, FakeProc proc) {
        FakeMachine.Grant grant = machine.lastGrant();
        assertTrue(grant != null, "no grant at all");
        assertEquals(core + " to " + proc, grant.core() + " to " + grant.proc());
        return grant;
    }

    /**
     * Whether the preemption recorded in {@code grant} obeyed simple's rule: the owner was
     * above its guarantee, and the requester was below its own or latency-critical against a
     * best-effort owner.
     */
    static boolean preemptionAllowed(FakeMachine.Grant grant) {
        if (grant.preempted() == null) {
            return true;
        }
        int ownerGuarantee = grant.preempted().spec().guaranteedCores();
        boolean requesterBelowGuarantee = grant.procHeld() < grant.proc().spec().guaranteedCores();
        boolean lcOverBe = grant.proc().spec().priority() == Priority.LATENCY_CRITICAL
                && grant.preempted().spec().priority() == Priority.BEST_EFFORT;
        return grant.preemptedHeld() > ownerGuarantee && (requesterBelowGuarantee || lcOverBe);
    }
}
