package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The polling baton's states: asked for by one kthread at a time, handed over only to the one
 * that asked, withdrawn only before the hand-over, given back only by its holder; and, under
 * threads racing through the whole cycle, never polled by two sides at once.
 */
class PollingBatonTest {

    @Test
    void startsAtTheSchedulerAndGoesOnlyToTheKThreadThatAskedForIt() {
        PollingBaton baton = new PollingBaton();
        assertTrue(baton.atScheduler());
        assertEquals(-1, baton.handOver(), "nobody asked");
        assertEquals(-1, baton.wanting());

        assertTrue(baton.want(3));
        assertFalse(baton.want(4), "one kthread at a time");
        assertEquals(3, baton.wanting());
        assertTrue(baton.atScheduler(), "asking is not holding");

        assertEquals(3, baton.handOver());
        assertTrue(baton.heldBy(3));
        assertFalse(baton.heldBy(4));
        assertFalse(baton.atScheduler());
        assertEquals(-1, baton.wanting());
        assertEquals(-1, baton.handOver(), "already handed over");
    }

    @Test
    void aWithdrawalAfterTheHandOverFailsSoTheKThreadKnowsItHoldsTheBaton() {
        PollingBaton baton = new PollingBaton();
        assertTrue(baton.want(0));
        assertTrue(baton.withdraw(0));
        assertTrue(baton.atScheduler());
        assertEquals(-1, baton.handOver(), "a withdrawn request is not handed over");

        assertTrue(baton.want(0));
        assertEquals(0, baton.handOver());
        assertFalse(baton.withdraw(0));
        assertTrue(baton.heldBy(0));
    }

    @Test
    void onlyTheHolderGivesItBack() {
        PollingBaton baton = new PollingBaton();
        assertFalse(baton.release(1), "nobody holds it");
        baton.want(1);
        assertFalse(baton.release(1), "asked for, not held");
        baton.handOver();
        assertFalse(baton.release(2));
        assertTrue(baton.release(1));
        assertTrue(baton.atScheduler());
        assertTrue(baton.want(2), "free to ask again");
    }

    @Test
    void withoutADriverSideNoKThreadLingers() {
        PollingBaton baton = new PollingBaton();
        assertEquals(0, baton.lingerNanos());
        assertEquals(-1, baton.poller().await(1_000), "no driver is bound");
        baton.poller(null);
        assertEquals(0, baton.lingerNanos());
    }

    /**
     * Two kthreads ask, withdraw, hold and give back as fast as they can while a scheduler
     * thread hands over and polls whenever the baton is at the scheduler: the "pollers" count
     * (who is inside the driver now) must never exceed one.
     */
    @Test
    @Timeout(60)
    void racingThreadsNeverPollAtOnce() throws Exception {
        PollingBaton baton = new PollingBaton();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger holds = new AtomicInteger();
        int rounds = 200_000;
        CountDownLatch done = new CountDownLatch(2);
        Runnable poll = () -> {
            if (inside.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            inside.decrementAndGet();
        };
        Thread[] kthreads = new Thread[2];
        for (int token = 0; token < 2; token++) {
            int me = token;
            kthreads[token] = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    if (!baton.want(me)) {
                        continue;
                    }
                    if (baton.withdraw(me) && (i & 1) == 0) {
                        continue; // gave up before the hand-over; every other round keeps asking
                    }
                    if (!baton.heldBy(me)) {
                        baton.want(me); // withdrew: ask again and wait a little for the hand-over
                        for (int spin = 0; spin < 100 && !baton.heldBy(me); spin++) {
                            Thread.onSpinWait();
                        }
                        if (baton.withdraw(me) || !baton.heldBy(me)) {
                            continue;
                        }
                    }
                    holds.incrementAndGet();
                    poll.run();
                    assertTrue(baton.release(me));
                }
                done.countDown();
            });
            kthreads[token].start();
        }
        while (done.getCount() > 0) {
            if (baton.atScheduler()) {
                poll.run();
            }
            baton.handOver();
        }
        for (Thread kthread : kthreads) {
            kthread.join();
        }
        assertEquals(0, overlaps.get(), "two sides polled at once");
        assertTrue(holds.get() > 0, "no kthread ever held the baton");
        assertTrue(baton.atScheduler());
    }
}
