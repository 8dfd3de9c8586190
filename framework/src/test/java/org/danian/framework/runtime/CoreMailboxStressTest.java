package org.danian.framework.runtime;

import static org.danian.framework.runtime.CoreMailbox.NONE;
import static org.danian.framework.runtime.CoreMailbox.generationOf;
import static org.danian.framework.runtime.CoreMailbox.kthreadOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The scheduler and one core race for a bounded number of posts. One thread plays the
 * scheduler (posts, wakes an idle core, sends cedes, some deliberately stale); the other plays
 * whichever kthread holds the core (runs, checks for cedes, parks, hands over, is woken).
 */
class CoreMailboxStressTest {

    private static final int POSTS = 50_000;
    private static final int KTHREADS = 4;

    private final CoreMailbox mailbox = new CoreMailbox();
    /** Per generation: the kthread posted, how often it was woken, whether a cede was sent for it. */
    private final int[] kthreadFor = new int[POSTS + 1];
    private final AtomicIntegerArray wakes = new AtomicIntegerArray(POSTS + 1);
    private final AtomicIntegerArray cedeSent = new AtomicIntegerArray(POSTS + 1);
    /** The generation the scheduler claimed for the idle core, for the core thread to run. */
    private final AtomicLong wakeInbox = new AtomicLong(NONE);
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private volatile boolean schedulerDone;
    private long cedesObserved;

    @Test
    void noWakeIsLostOrDoubledAndNoStaleCedeIsDelivered() throws Exception {
        Thread core = new Thread(this::core, "core");
        Thread scheduler = new Thread(this::scheduler, "scheduler");
        core.start();
        scheduler.start();
        scheduler.join(TimeUnit.SECONDS.toMillis(20));
        core.join(TimeUnit.SECONDS.toMillis(20));
        assertTrue(!scheduler.isAlive() && !core.isAlive(), "the handshake got stuck: " + mailbox);

        assertTrue(violations.isEmpty(), violations.toString());
        long last = generationOf(mailbox.posted());
        assertEquals(1, wakes.get((int) last), "the last post must be woken");
        for (int generation = 1; generation <= last; generation++) {
            assertTrue(wakes.get(generation) <= 1, "generation " + generation + " woken " + wakes.get(generation));
        }
        assertTrue(mailbox.isIdle(), mailbox.toString());
        assertTrue(cedesObserved > 0, "the race never delivered a cede; the test proved nothing");
    }

    private void scheduler() {
        SplittableRandom random = new SplittableRandom(42);
        long generation = 0;
        for (int step = 0; generation < POSTS; step++) {
            if (random.nextInt(3) == 0 && generation > 0) {
                // Cede for the current generation or, one time in two, a stale one.
                long target = Math.max(1, generation - random.nextInt(2) * (1 + random.nextInt(3)));
                cedeSent.set((int) target, 1);
                mailbox.requestCede(target);
            } else {
                int kthread = random.nextInt(KTHREADS);
                kthreadFor[(int) generation + 1] = kthread; // published by the volatile post
                generation = mailbox.post(kthread);
                if (mailbox.tryClaimWake(generation)) {
                    wakeInbox.set(generation);
                }
                if (random.nextBoolean() && !awaitWoken(generation)) {
                    break;
                }
            }
            if ((step & 7) == 0) {
                Thread.onSpinWait();
            }
        }
        schedulerDone = true;
    }

    /**
     * Waits until {@code generation} was woken, so that a lost wake shows up as a violation
     * rather than being covered by the next post; false if it never was.
     */
    private boolean awaitWoken(long generation) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (wakes.get((int) generation) == 0) {
            if (System.nanoTime() > deadline) {
                violations.add("post " + generation + " was never woken: " + mailbox);
                return false;
            }
            Thread.onSpinWait();
        }
        return true;
    }

    private void core() {
        SplittableRandom random = new SplittableRandom(7);
        long running = NONE;
        long lastWoken = 0;
        while (true) {
            if (running == NONE) {
                long claimed = wakeInbox.getAndSet(NONE);
                if (claimed == NONE) {
                    if (schedulerDone && (mailbox.isIdle() || !violations.isEmpty())) {
                        return;
                    }
                    Thread.onSpinWait();
                    continue;
                }
                running = start(claimed, lastWoken);
                lastWoken = running;
                continue;
            }
            if (!cedeOrChance(running, random)) {
                continue;
            }
            long handover = mailbox.park(running);
            running = NONE;
            if (handover != NONE) {
                if (kthreadOf(handover) != kthreadFor[(int) generationOf(handover)]) {
                    violations.add("handover names kthread " + kthreadOf(handover) + " for " + generationOf(handover));
                }
                running = start(generationOf(handover), lastWoken);
                lastWoken = running;
            }
        }
    }

    /** Runs one "task"; true if the kthread should park now (asked to, or by its own choice). */
    private boolean cedeOrChance(long running, SplittableRandom random) {
        long postedBefore = generationOf(mailbox.posted());
        if (mailbox.shouldCede(running)) {
            if (postedBefore == running && cedeSent.get((int) running) == 0
                    && generationOf(mailbox.posted()) == running) {
                violations.add("generation " + running + " saw a cede nobody sent it");
            }
            cedesObserved++;
            return true;
        }
        return random.nextInt(64) == 0; // ran out of work
    }

    private long start(long generation, long lastWoken) {
        if (wakes.incrementAndGet((int) generation) != 1) {
            violations.add("generation " + generation + " woken twice");
        }
        if (generation <= lastWoken) {
            violations.add("generation " + generation + " woken after " + lastWoken);
        }
        mailbox.runDone(generation);
        return generation;
    }
}
