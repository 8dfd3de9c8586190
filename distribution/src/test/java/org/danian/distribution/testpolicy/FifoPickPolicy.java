package org.danian.distribution.testpolicy;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;

/**
 * {@value #NAME}: always picks the least recently parked kthread, ignoring locality. Correct
 * by the thread-pick contract, and distinguishable from every shipped policy by its name.
 */
public final class FifoPickPolicy implements ThreadPickPolicy {

    public static final String NAME = "test-fifo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new FifoPicker();
    }
}
