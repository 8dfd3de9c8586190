package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.spi.CoreTopology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler may wait in the packet driver while the cores it granted have nothing queued;
 * whatever could make a proc congested meanwhile must end that wait: work offered to a proc
 * whose kthread runs, and a kthread that starts behind more than one queued packet. Nothing
 * else wakes it, so a lone request costs the scheduler a single wake-up.
 */
class BlockedSchedulerWakeTest {

    private final AtomicInteger wakes = new AtomicInteger();
    private final RuntimeContext context = new RuntimeContext(CoreTopology.noSiblings(2),
            NativeThreadsLoader.unpinned("wake test"), new SpinThenPark());
    private final ProcRuntime proc = new ProcRuntime("p", 1, context, 1, (kthread, cpu) -> { });

    BlockedSchedulerWakeTest() {
        context.schedulerWaker(wakes::incrementAndGet);
    }

    @AfterEach
    void stop() {
        proc.beginClose();
        proc.stop(5_000);
    }

    @Test
    void anOfferBehindARunningKThreadWakesTheSchedulerOnlyWhileItWaits() {
        proc.kthreadStarted(0); // a kthread runs: no core-needed signal is due
        proc.tryIngress(() -> { });
        assertEquals(0, wakes.get(), "the scheduler was not waiting");

        context.schedulerBlocking(true);
        proc.tryIngress(() -> { });
        assertEquals(1, wakes.get(), "queued behind a running kthread while the scheduler waits");
        context.schedulerBlocking(false);
    }

    @Test
    void aKThreadStartingBehindSeveralPacketsWakesTheWaitingScheduler() throws Exception {
        startThreads();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(3);
        context.schedulerBlocking(true);
        for (int i = 0; i < 3; i++) {
            proc.tryIngress(() -> {
                await(release);
                done.countDown();
            });
        }
        int beforeStart = wakes.get(); // the first offer raised core-needed, which wakes as well
        startOnCore(1);
        release.countDown();
        assertTrue(done.await(10, TimeUnit.SECONDS), "the kthread ran the three packets");
        assertEquals(beforeStart + 1, wakes.get(), "its start behind three packets woke the scheduler once");
    }

    @Test
    void aKThreadStartingForOnePacketLetsTheSchedulerWait() throws Exception {
        startThreads();
        CountDownLatch done = new CountDownLatch(1);
        context.schedulerBlocking(true);
        proc.tryIngress(done::countDown);
        int beforeStart = wakes.get();
        startOnCore(1);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(beforeStart, wakes.get(), "one packet is the kthread's to take: no wake-up");
    }

    /** Registers the kthreads' tokens, as the kernel does before their threads start, and starts them. */
    private void startThreads() {
        for (int id = 0; id < proc.kthreadCount(); id++) {
            proc.runner(id).token(context.directory().register(proc.runner(id)));
        }
        proc.start();
    }

    /** Grants core {@code core} to kthread 0 as the scheduler does: post, claim, wake. */
    private void startOnCore(int core) {
        KThreadRunner runner = proc.runner(0);
        CoreMailbox mailbox = context.mailbox(core);
        long generation = mailbox.post(runner.token());
        assertTrue(mailbox.tryClaimWake(generation));
        runner.wake(core, generation);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
