package org.danian.framework.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Single-threaded behaviour: order, overflow, cede requeue, steal amounts, delay signal. */
class TaskQueueTest {

    private final TaskQueue queue = new TaskQueue();

    /** A task that is recognisable by its number. */
    private record Numbered(int number) implements Runnable {
        @Override
        public void run() {
        }
    }

    private static void fill(TaskQueue queue, int from, int count) {
        for (int i = from; i < from + count; i++) {
            queue.offer(new Numbered(i), 1_000L + i);
        }
    }

    private static List<Integer> drain(TaskQueue queue) {
        List<Integer> numbers = new ArrayList<>();
        for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
            numbers.add(((Numbered) task).number());
        }
        return numbers;
    }

    private static List<Integer> range(int from, int count) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    @Test
    void anEmptyQueueHasNoTaskAndNoDelay() {
        assertNull(queue.poll());
        assertTrue(queue.isEmpty());
        assertEquals(TaskQueue.EMPTY, queue.oldestEnqueueNanos());
        assertEquals(0, queue.delayNanos(123));
    }

    @Test
    void tasksComeOutInArrivalOrderAcrossTheOverflow() {
        fill(queue, 0, 100);
        assertEquals(100, queue.size());
        assertEquals(100 - TaskQueue.RING_CAPACITY, queue.overflowCount());
        assertEquals(range(0, 100), drain(queue));
        assertEquals(100, queue.enqueuedCount());
        assertEquals(100, queue.polledCount());
        assertTrue(queue.isEmpty());
    }

    @Test
    void theDelayIsTheAgeOfTheOldestQueuedTask() {
        fill(queue, 0, 40);
        assertEquals(1_000L, queue.oldestEnqueueNanos());
        assertEquals(500, queue.delayNanos(1_500L));
        for (int i = 0; i < 35; i++) {
            queue.poll();
        }
        assertEquals(1_035L, queue.oldestEnqueueNanos(), "overflowed tasks keep their own enqueue time");
        assertEquals(0, queue.delayNanos(0), "a clock behind the stamp gives no negative delay");
    }

    @Test
    void aCededTaskRunsNextEvenWhenTheRingIsFull() {
        fill(queue, 0, TaskQueue.RING_CAPACITY);
        Numbered ceded = new Numbered(-1);
        queue.offerFirst(ceded, 5L);
        assertEquals(5L, queue.oldestEnqueueNanos());
        assertSame(ceded, queue.poll());
        assertEquals(range(0, TaskQueue.RING_CAPACITY), drain(queue));
        assertEquals(TaskQueue.RING_CAPACITY, queue.enqueuedCount(), "a requeue is not a new task");
    }

    @Test
    void aThiefTakesHalfTheDifferenceOldestFirst() {
        TaskQueue thief = new TaskQueue();
        fill(queue, 0, 10);
        fill(thief, 100, 4);
        assertEquals(3, thief.stealFrom(queue), "(10 - 4) / 2");
        assertEquals(List.of(0, 1, 2, 100, 101, 102, 103), drain(thief));
        assertEquals(range(3, 7), drain(queue));
        assertEquals(3, thief.stolenInCount());
        assertEquals(3, queue.stolenOutCount());
    }

    @Test
    void anOddDifferenceIsRoundedUpAndTimesTravelWithTheTasks() {
        TaskQueue thief = new TaskQueue();
        fill(queue, 0, 5);
        assertEquals(3, thief.stealFrom(queue));
        assertEquals(1_000L, thief.oldestEnqueueNanos());
        assertEquals(1_003L, queue.oldestEnqueueNanos());
    }

    @Test
    void aThiefAsLongAsItsVictimTakesNothing() {
        TaskQueue thief = new TaskQueue();
        fill(queue, 0, 3);
        fill(thief, 10, 5);
        assertEquals(0, thief.stealFrom(queue));
        assertEquals(3, queue.size());
    }

    @Test
    void oneStealIsBoundedAndRefillsTheVictimsRing() {
        TaskQueue thief = new TaskQueue();
        fill(queue, 0, 100);
        assertEquals(TaskQueue.MAX_STEAL, thief.stealFrom(queue));
        assertEquals(range(0, TaskQueue.MAX_STEAL), drain(thief));
        assertEquals(range(TaskQueue.MAX_STEAL, 100 - TaskQueue.MAX_STEAL), drain(queue));
    }

    @Test
    void stealingIntoAFullRingKeepsEveryTask() {
        TaskQueue thief = new TaskQueue();
        fill(thief, 1000, TaskQueue.RING_CAPACITY);
        fill(queue, 0, 80);
        assertEquals(TaskQueue.MAX_STEAL, thief.stealFrom(queue));
        List<Integer> expected = range(0, TaskQueue.MAX_STEAL);
        expected.addAll(range(1000, TaskQueue.RING_CAPACITY));
        assertEquals(expected, drain(thief));
    }

    @Test
    void callerMistakesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> queue.offer(null));
        assertThrows(IllegalArgumentException.class, () -> queue.offerFirst(null, 0));
        assertThrows(IllegalArgumentException.class, () -> queue.stealFrom(queue));
    }
}
