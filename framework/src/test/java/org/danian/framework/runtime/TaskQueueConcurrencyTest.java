package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Two submitters feed one owner queue while its owner runs tasks and two thieves steal from it
 * and from each other: every one of 10^6 tasks runs exactly once.
 */
class TaskQueueConcurrencyTest {

    private static final int TASKS = 1_000_000;
    private static final int SUBMITTERS = 2;

    private final AtomicIntegerArray runs = new AtomicIntegerArray(TASKS);
    private final AtomicLong executed = new AtomicLong();
    private final ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();

    /** Counts its own execution; shared by all tasks with the same id would defeat the check. */
    private final class Counted implements Runnable {
        private final int id;

        Counted(int id) {
            this.id = id;
        }

        @Override
        public void run() {
            runs.incrementAndGet(id);
            executed.incrementAndGet();
        }
    }

    @Test
    void everyTaskRunsExactlyOnceUnderSubmittersThievesAndTheOwner() throws Exception {
        TaskQueue owner = new TaskQueue();
        TaskQueue thiefA = new TaskQueue();
        TaskQueue thiefB = new TaskQueue();
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < SUBMITTERS; s++) {
            int stripe = s;
            threads.add(worker("submitter-" + s, () -> {
                for (int id = stripe; id < TASKS; id += SUBMITTERS) {
                    owner.offer(new Counted(id));
                }
            }));
        }
        threads.add(worker("owner", () -> runUntilAllDone(owner, thiefA)));
        threads.add(worker("thief-a", () -> runUntilAllDone(thiefA, owner, thiefB)));
        threads.add(worker("thief-b", () -> runUntilAllDone(thiefB, owner, thiefA)));
        threads.forEach(Thread::start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
        long ran = executed.getAndSet(TASKS); // releases the workers if the join timed out
        assertTrue(threads.stream().noneMatch(Thread::isAlive), "stuck after " + ran + " tasks");
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(TASKS, ran);
        for (int id = 0; id < TASKS; id++) {
            assertEquals(1, runs.get(id), "task " + id);
        }
        assertEquals(TASKS, owner.enqueuedCount());
        assertEquals(TASKS, owner.polledCount() + thiefA.polledCount() + thiefB.polledCount());
        assertEquals(owner.stolenOutCount() + thiefA.stolenOutCount() + thiefB.stolenOutCount(),
                owner.stolenInCount() + thiefA.stolenInCount() + thiefB.stolenInCount());
        assertTrue(owner.isEmpty() && thiefA.isEmpty() && thiefB.isEmpty());
    }

    /** The runtime's order: own queue, then steal from victims in turn; stop when all ran. */
    private void runUntilAllDone(TaskQueue own, TaskQueue... victims) {
        int nextVictim = 0;
        while (executed.get() < TASKS) {
            Runnable task = own.poll();
            if (task != null) {
                task.run();
                continue;
            }
            if (own.stealFrom(victims[nextVictim]) == 0) {
                nextVictim = (nextVictim + 1) % victims.length;
                Thread.yield(); // this machine is shared: do not starve the submitters
            }
        }
    }

    private Thread worker(String name, Runnable body) {
        return new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failures.add(t);
                executed.set(TASKS); // stop everyone; the failure is reported
            }
        }, name);
    }
}
