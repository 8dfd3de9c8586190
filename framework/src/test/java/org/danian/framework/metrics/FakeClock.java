package org.danian.framework.metrics;

import java.util.function.LongSupplier;

/** A clock the test moves by hand. */
final class FakeClock implements LongSupplier {

    long nanos;

    @Override
    public long getAsLong() {
        return nanos;
    }

    void advance(long by) {
        nanos += by;
    }
}
