package org.danian.framework.metrics;

import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/** A proc with a name of the test's choosing; its kthreads are never looked at. */
record NamedProc(int id, ProcSpec spec) implements ProcView {

    NamedProc(int id, String name, int kthreads) {
        this(id, ProcSpec.latencyCritical(name, kthreads));
    }

    @Override
    public int kthreadCount() {
        return spec.kthreads();
    }

    @Override
    public KThreadView kthread(int id) {
        throw new UnsupportedOperationException("the metrics never look at kthread views");
    }
}
