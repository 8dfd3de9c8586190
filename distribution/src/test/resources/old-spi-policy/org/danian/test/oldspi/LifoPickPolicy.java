package org.danian.test.oldspi;

import org.danian.spi.CoreTopology;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;

/**
 * test-old-spi: always picks the most recently parked kthread, ignoring locality. Written the
 * way a third party writes a policy against a released SPI: the tests compile this file at run
 * time against framework-0.0.2.jar (SPI 1.0.0) and osgi.core alone, never against the
 * working tree.
 */
public final class LifoPickPolicy implements ThreadPickPolicy {

    public static final String NAME = "test-old-spi";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new LifoPicker();
    }
}
