package org.danian.policy.lottery;

import org.danian.spi.Priority;
import org.danian.spi.ProcSpec;
import org.danian.spi.ProcView;

/**
 * What the {@code lottery} core allocator knows about one attached proc: its limits and
 * tickets, the cores it holds, whether it holds a ticket in the draws, and its slot in the
 * {@link ProcLottery}'s ticket trees. Created on attach. Confined to the scheduler thread.
 */
final class LotteryProc {

    final ProcView view;
    final int guaranteed;
    final int max;
    final int tickets;
    final boolean latencyCritical;

    /** Slot in the ticket trees; assigned on attach, stable until detach. */
    int slot;
    /** Cores this proc owns in the allocator's {@link CoreBook}; kept equal to the kernel's. */
    int active;
    /** Whether the proc is congested and waits for a core (its tickets are in the draws). */
    boolean waiting;

    LotteryProc(ProcView view) {
        ProcSpec spec = view.spec();
        this.view = view;
        this.guaranteed = spec.guaranteedCores();
        this.max = spec.maxCores();
        this.tickets = spec.tickets();
        this.latencyCritical = spec.priority() == Priority.LATENCY_CRITICAL;
    }

    /**
     * Whether {@code requester} may take a core this proc holds: the rule of {@code simple}
     * (the framework's default allocator), so that the two allocators honour guarantees
     * alike. Never while this proc is at or below its guarantee; above it, to a requester
     * below its own guarantee, or to a latency-critical requester if this proc is
     * best-effort.
     */
    boolean preemptibleBy(LotteryProc requester) {
        if (active <= guaranteed || requester == this) {
            return false;
        }
        return requester.belowGuarantee() || requester.latencyCritical && !latencyCritical;
    }

    /** Cores held beyond the guarantee that a latency-critical proc may take: best-effort only. */
    int surplusForLatencyCritical() {
        return latencyCritical ? 0 : Math.max(0, active - guaranteed);
    }

    boolean belowGuarantee() {
        return active < guaranteed;
    }

    boolean atMax() {
        return active >= max;
    }

    @Override
    public String toString() {
        return "proc " + view.id() + " (" + view.spec().name() + ", active " + active + "/" + guaranteed + ".."
                + max + ", " + tickets + " tickets" + (waiting ? ", waiting)" : ")");
    }
}
