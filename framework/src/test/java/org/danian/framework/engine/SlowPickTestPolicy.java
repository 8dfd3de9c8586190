package org.danian.framework.engine;

import org.danian.spi.KThreadView;

/**
 * A thread-pick policy that behaves like {@link LruTestPolicy} but, once a test sets a delay,
 * busy-spins that long (wall time) in every pick before answering correctly: a picker whose
 * answers are right and whose cost is not.
 */
final class SlowPickTestPolicy extends LruTestPolicy {

    private volatile long spinNanos;

    SlowPickTestPolicy(String name) {
        super(name);
    }

    /** From now on, every pick spins {@code nanos} first. */
    void spin(long nanos) {
        spinNanos = nanos;
    }

    @Override
    KThreadView override(LruPicker picker, int core) {
        long until = System.nanoTime() + spinNanos;
        while (spinNanos > 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
        }
        return null; // then the LRU answer
    }
}
