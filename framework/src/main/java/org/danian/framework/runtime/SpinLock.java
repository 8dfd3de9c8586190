package org.danian.framework.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A test-and-set lock for critical sections of a few stores. Taking it is a compare-and-set
 * (volatile semantics), dropping it a release store, so each section sees all writes of the
 * previous one. A waiter spins briefly, then yields, so a holder that the OS descheduled on a
 * shared machine does not make it burn a whole time slice. Not reentrant; allocation-free.
 */
final class SpinLock {

    private static final int SPINS_BEFORE_YIELD = 64;
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SpinLock.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through STATE
    private int state;

    void lock() {
        if (!STATE.compareAndSet(this, 0, 1)) {
            lockContended();
        }
    }

    private void lockContended() {
        int spins = 0;
        while ((int) STATE.getOpaque(this) != 0 || !STATE.compareAndSet(this, 0, 1)) {
            if (++spins < SPINS_BEFORE_YIELD) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
    }

    void unlock() {
        STATE.setRelease(this, 0);
    }
}
