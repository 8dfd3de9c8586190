package org.danian.framework.runtime;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The kthread tokens of one kernel: the 24-bit numbers a {@link CoreMailbox} post carries,
 * mapped to the runners they stand for, so that a kthread that hands its core over can wake
 * the kthread posted there (Caladan's ksched handover, OSDI'20 §4.2).
 *
 * <p>Tokens are registered and released on the scheduler thread only (proc creation and
 * close). Any kthread may {@link #get} a token it read from a post. Memory ordering: the
 * table is an {@link AtomicReferenceArray} behind a volatile field, replaced by a copy when
 * it grows; a post is published (volatile) after its kthread was registered, so a reader
 * that saw the post also sees the runner.
 */
public final class RunnerDirectory {

    private static final int INITIAL_CAPACITY = 64;

    private volatile AtomicReferenceArray<KThreadRunner> runners = new AtomicReferenceArray<>(INITIAL_CAPACITY);
    private int[] free = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int nextToken;

    /**
     * Scheduler thread: gives {@code runner} a token, reusing released ones first.
     *
     * @throws IllegalStateException if every token up to {@link CoreMailbox#MAX_KTHREAD} is taken
     */
    public int register(KThreadRunner runner) {
        int token;
        if (freeCount > 0) {
            token = free[--freeCount];
        } else if (nextToken <= CoreMailbox.MAX_KTHREAD) {
            token = nextToken++;
        } else {
            throw new IllegalStateException("no kthread token left: " + nextToken + " kthreads are alive");
        }
        AtomicReferenceArray<KThreadRunner> table = runners;
        if (token >= table.length()) {
            AtomicReferenceArray<KThreadRunner> bigger = new AtomicReferenceArray<>(table.length() * 2);
            for (int i = 0; i < table.length(); i++) {
                bigger.set(i, table.get(i));
            }
            table = bigger;
        }
        table.set(token, runner);
        runners = table;
        return token;
    }

    /** Scheduler thread: the token's kthread is gone (its proc closed); the token may be reused. */
    public void release(int token) {
        runners.set(token, null);
        if (freeCount == free.length) {
            free = Arrays.copyOf(free, free.length * 2);
        }
        free[freeCount++] = token;
    }

    /** Any thread: the runner registered under {@code token}, or null if none is. */
    public KThreadRunner get(int token) {
        AtomicReferenceArray<KThreadRunner> table = runners;
        return token < table.length() ? table.get(token) : null;
    }
}
