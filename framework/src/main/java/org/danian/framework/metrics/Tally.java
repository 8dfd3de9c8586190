package org.danian.framework.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

import org.danian.spi.KThreadView;
import org.danian.kernel.MetricsSnapshot;

/**
 * Grants, picks, locality hits and migrations of one proc, or of all of them.
 *
 * <p>One writer (the scheduler thread) bumps the counters with release stores, in the order
 * grants, picks, hits, migrations; readers load them with acquire loads in the reverse
 * order. So a reader that sees a hit or a migration also sees the pick that caused it:
 * {@code hits <= picks} and {@code migrations <= picks} in every reading.
 */
final class Tally {

    private static final VarHandle GRANTS;
    private static final VarHandle PICKS;
    private static final VarHandle HITS;
    private static final VarHandle MIGRATIONS;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            GRANTS = lookup.findVarHandle(Tally.class, "grants", long.class);
            PICKS = lookup.findVarHandle(Tally.class, "picks", long.class);
            HITS = lookup.findVarHandle(Tally.class, "hits", long.class);
            MIGRATIONS = lookup.findVarHandle(Tally.class, "migrations", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private long grants;
    private long picks;
    private long hits;
    private long migrations;

    /**
     * One grant whose pick chose a kthread that last ran on {@code previousLastCore}: a
     * migration if that was another core (a kthread that never ran does not migrate).
     */
    void grant(int core, int previousLastCore, boolean localityHit) {
        GRANTS.setRelease(this, grants + 1);
        PICKS.setRelease(this, picks + 1);
        if (localityHit) {
            HITS.setRelease(this, hits + 1);
        }
        if (previousLastCore != KThreadView.NO_CORE && previousLastCore != core) {
            MIGRATIONS.setRelease(this, migrations + 1);
        }
    }

    /** Any thread: the counts now, with hits and migrations never ahead of picks. */
    MetricsSnapshot.Counts read() {
        long migrationsSeen = (long) MIGRATIONS.getAcquire(this);
        long hitsSeen = (long) HITS.getAcquire(this);
        long picksSeen = (long) PICKS.getAcquire(this);
        long grantsSeen = (long) GRANTS.getAcquire(this);
        return new MetricsSnapshot.Counts(grantsSeen, picksSeen, hitsSeen, migrationsSeen);
    }
}
