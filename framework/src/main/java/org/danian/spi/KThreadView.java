package org.danian.spi;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A kthread as a policy sees it: identity, the core it last ran on, its lottery tickets.
 *
 * <p>Implemented by the kernel (and by tests). A policy may keep references
 * to views for as long as the proc is attached, compare them by identity, and read them on
 * the scheduler thread; it must not synchronise on them.
 */
@ProviderType
public interface KThreadView {

    /** Sentinel core number: the kthread has never run, or no core applies. */
    int NO_CORE = -1;

    /**
     * Index of this kthread within its proc, from 0 to {@code proc().kthreadCount() - 1};
     * stable for the kthread's life. Policies may use it to index arrays sized by the count.
     */
    int id();

    /** The proc this kthread belongs to; never null. */
    ProcView proc();

    /**
     * The core this kthread last ran on, or {@link #NO_CORE} if it never ran. While the
     * kthread is idle this is the core it parked from; the kernel updates it when the kthread
     * starts running on a core, before any policy hears of that.
     */
    int lastCore();

    /**
     * Lottery tickets of this kthread (Waldspurger and Weihl, OSDI'94), at least 1: the entry
     * of its proc's {@link ProcSpec#kthreadTickets()}, 1 when the spec gives none. Constant for
     * the kthread's life, so a picker may read it once, when the kthread first parks.
     * Ticket-weighted pick policies ({@code lottery}, {@code stride}) draw by it; others may
     * ignore it.
     */
    int tickets();
}
