package org.danian.framework.runtime;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A kthread's wake slot: the core and generation it is to run as next, packed in one atomic
 * long (the core in the high bits, the generation's low {@value #GENERATION_BITS} bits below),
 * so that a wake is posted and taken whole, with no lock.
 *
 * <p>Memory ordering: the waker {@linkplain #post posts} (a volatile write) before it unparks
 * the kthread; the kthread {@linkplain #take takes} it with {@code getAndSet}, so a wake posted
 * while it was about to park is never lost and is taken exactly once.
 */
final class KThreadWakeSlot {

    /** The slot's value when no wake is pending. */
    static final long NO_WAKE = -1L;

    private static final int GENERATION_BITS = 40;
    private static final long GENERATION_MASK = (1L << GENERATION_BITS) - 1;

    private final AtomicLong slot = new AtomicLong(NO_WAKE);

    /** Any thread: run on {@code core} as {@code generation} (replaces a wake not yet taken). */
    void post(int core, long generation) {
        slot.set(((long) core << GENERATION_BITS) | (generation & GENERATION_MASK));
    }

    /** The pending wake, or {@link #NO_WAKE}, left in place. */
    long peek() {
        return slot.get();
    }

    /** Takes the pending wake, or returns {@link #NO_WAKE}. */
    long take() {
        return slot.getAndSet(NO_WAKE);
    }

    static int coreOf(long wake) {
        return (int) (wake >>> GENERATION_BITS);
    }

    static long generationOf(long wake) {
        return wake & GENERATION_MASK;
    }
}
