package org.danian.framework.runtime;

import static org.danian.framework.runtime.CoreMailbox.NONE;
import static org.danian.framework.runtime.CoreMailbox.generationOf;
import static org.danian.framework.runtime.CoreMailbox.kthreadOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The handshake step by step, on one thread playing both sides. */
class CoreMailboxTest {

    private final CoreMailbox mailbox = new CoreMailbox();

    /** Posts {@code kthread} to the idle core, wakes it and lets it report run done. */
    private long runOnIdleCore(int kthread) {
        long generation = mailbox.post(kthread);
        assertTrue(mailbox.tryClaimWake(generation), "an idle core is claimed by the scheduler");
        mailbox.runDone(generation);
        return generation;
    }

    @Test
    void aNewCoreIsIdle() {
        assertTrue(mailbox.isIdle());
    }

    @Test
    void aPostToAnIdleCoreIsWokenByTheSchedulerExactlyOnce() {
        long generation = mailbox.post(7);
        assertFalse(mailbox.isIdle(), "a post is pending");
        assertTrue(mailbox.tryClaimWake(generation));
        assertFalse(mailbox.tryClaimWake(generation), "a second claim must lose");
        assertFalse(mailbox.isRunning(generation), "not running before run done");
        mailbox.runDone(generation);
        assertTrue(mailbox.isRunning(generation));
        assertEquals(7, kthreadOf(mailbox.posted()));
    }

    @Test
    void parkingWithNothingPostedLeavesTheCoreIdle() {
        long generation = runOnIdleCore(3);
        assertFalse(mailbox.shouldCede(generation));
        assertEquals(NONE, mailbox.park(generation));
        assertTrue(mailbox.isIdle());
        assertFalse(mailbox.tryClaimWake(generation), "a generation that already ran is never woken again");
    }

    @Test
    void aPostToABusyCoreIsHandedOverByTheParkingKthread() {
        long first = runOnIdleCore(1);
        long second = mailbox.post(2);
        assertFalse(mailbox.tryClaimWake(second), "the scheduler must not wake onto a busy core");
        assertTrue(mailbox.shouldCede(first), "a newer post asks the running kthread to leave");

        long handover = mailbox.park(first);

        assertEquals(second, generationOf(handover));
        assertEquals(2, kthreadOf(handover));
        mailbox.runDone(second);
        assertTrue(mailbox.isRunning(second));
        assertFalse(mailbox.shouldCede(second));
    }

    @Test
    void theParkingKthreadCanBeHandedTheCoreBackAtOnce() {
        long first = runOnIdleCore(5);
        long again = mailbox.post(5);
        long handover = mailbox.park(first);
        assertEquals(5, kthreadOf(handover), "fast rewake: the same kthread carries on as the new generation");
        mailbox.runDone(generationOf(handover));
        assertTrue(mailbox.isRunning(again));
    }

    @Test
    void aCedeReachesOnlyTheGenerationItWasFor() {
        long first = runOnIdleCore(1);
        mailbox.requestCede(first);
        assertTrue(mailbox.shouldCede(first));
        assertEquals(NONE, mailbox.park(first));

        long second = runOnIdleCore(2);
        assertFalse(mailbox.shouldCede(second), "the request for generation " + first + " is stale");
        mailbox.requestCede(first);
        assertFalse(mailbox.shouldCede(second), "a late request for an old generation is ignored too");
        mailbox.requestCede(second);
        assertTrue(mailbox.shouldCede(second));
    }

    @Test
    void aLateClaimForAnOlderGenerationLoses() {
        long first = mailbox.post(1);
        long second = mailbox.post(2);
        assertTrue(mailbox.tryClaimWake(second));
        mailbox.runDone(second);
        assertEquals(NONE, mailbox.park(second));
        assertFalse(mailbox.tryClaimWake(first), "generation " + first + " was superseded");
    }

    @Test
    void runDoneWithoutAClaimIsAMistake() {
        long generation = mailbox.post(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> mailbox.runDone(generation));
        assertTrue(e.getMessage().contains("IDLE@0"), e.getMessage());
    }

    @Test
    void parkingAGenerationThatIsNotRunningIsAMistake() {
        long generation = runOnIdleCore(1);
        assertThrows(IllegalStateException.class, () -> mailbox.park(generation + 1));
        assertEquals(NONE, mailbox.park(generation));
        assertThrows(IllegalStateException.class, () -> mailbox.park(generation), "parked twice");
    }

    @Test
    void kthreadTokensAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> mailbox.post(-1));
        assertThrows(IllegalArgumentException.class, () -> mailbox.post(CoreMailbox.MAX_KTHREAD + 1));
        long generation = mailbox.post(CoreMailbox.MAX_KTHREAD);
        assertEquals(CoreMailbox.MAX_KTHREAD, kthreadOf(mailbox.posted()));
        assertEquals(generation, generationOf(mailbox.posted()));
    }
}
