package org.danian.distribution.it;

import java.util.function.BooleanSupplier;

/** Bounded waiting for something that another thread (SCR, FileInstall, the kernel) does. */
final class Await {

    private static final long TIMEOUT_MILLIS = 30_000;
    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails the test after 30 s, naming {@code what}. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + TIMEOUT_MILLIS + " ms waiting for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
