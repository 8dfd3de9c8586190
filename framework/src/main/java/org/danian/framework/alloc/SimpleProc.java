package org.danian.framework.alloc;

import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/**
 * What {@code simple} knows about one attached proc (Caladan's {@code struct simple_data}):
 * its limits, how many cores it holds, whether it waits for a core, and its links in the
 * {@link CongestedProcs} list. Created on attach, so that nothing else allocates.
 *
 * <p>Confined to the scheduler thread, like the whole allocator.
 */
final class SimpleProc {

    final ProcView view;
    final int guaranteed;
    final int max;
    final boolean latencyCritical;

    /** Cores this proc owns in the {@link CoreLedger}; kept equal to the kernel's count. */
    int active;

    /** Whether the proc is in the congested list. */
    boolean congested;
    /** Toward the head of the congested list (marked earlier); null at the head. */
    SimpleProc earlier;
    /** Toward the tail of the congested list (marked later); null at the tail. */
    SimpleProc later;

    SimpleProc(ProcView view) {
        ProcSpec spec = view.spec();
        this.view = view;
        this.guaranteed = spec.guaranteedCores();
        this.max = spec.maxCores();
        this.latencyCritical = spec.priority() == Priority.LATENCY_CRITICAL;
    }

    /**
     * Whether {@code requester} may take a core this proc holds.
     *
     * <p>Never when this proc is at or below its guarantee: reserved cores are reserved.
     * Above it, simple.c's rule ({@code simple_proc_is_preemptible}) lets a requester below
     * its own guarantee take the core, which is how a guarantee is honoured. Caladan's
     * simple.c has no priority classes; we add the rule {@link Priority} states, that a
     * latency-critical proc may take from a best-effort proc above its guarantee (the
     * best-effort class of Caladan's ias, which yields cores to latency-critical work). A
     * best-effort proc never takes from a latency-critical one except for its guarantee, so
     * two procs cannot take the same core back and forth.
     */
    boolean preemptibleBy(SimpleProc requester) {
        if (active <= guaranteed || requester == this) {
            return false;
        }
        if (requester.active < requester.guaranteed) {
            return true;
        }
        return requester.latencyCritical && !latencyCritical;
    }

    /** Whether the proc is below the cores reserved for it. */
    boolean belowGuarantee() {
        return active < guaranteed;
    }

    /** Whether another core would exceed the proc's maximum. */
    boolean atMax() {
        return active >= max;
    }

    @Override
    public String toString() {
        return "proc " + view.id() + " (" + view.spec().name() + ", active " + active + "/"
                + guaranteed + ".." + max + (congested ? ", congested)" : ")");
    }
}
