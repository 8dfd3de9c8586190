package org.danian.framework.sim;

import org.danian.framework.runtime.KThreadRunner;
import org.danian.framework.runtime.StealOrder;
import org.danian.framework.runtime.TaskQueue;
import org.danian.spi.KThreadView;

/** A simulated kthread's state, beside its real runner (whose mailbox token it uses). */
final class SimKThread {

    static final int PARKED = 0;
    /** Granted a core, waking: starts when its event fires. */
    static final int WAKING = 1;
    static final int RUNNING = 2;
    static final int SPINNING = 3;

    final int actor;
    final int proc;
    final KThreadRunner runner;
    final int token;
    /** Its real run queue (the runner's). */
    final TaskQueue queue;
    /** The runtime's victim order for its steals (sibling first, then from a random start). */
    final StealOrder stealOrder;
    int state = PARKED;
    int core = KThreadView.NO_CORE;
    long generation;
    /** The core it last left, as the runtime knows it (for the migration penalty). */
    int lastCore = KThreadView.NO_CORE;
    /** Extra service time owed to a migration, charged to its next request. */
    long penaltyNanos;
    long spinUntil;
    /** Spinning, and already told that work arrived (its event is due now). */
    boolean woken;
    /** Which spell of spinning its entry in the proc's spinning ring is for. */
    long spinSequence;
    SimRequest current;
    /** Service time of the slice of {@link #current} now running (all of it without a yield quantum). */
    long sliceNanos;
    /** Its index in its proc's set of running kthreads, or -1. */
    int runningSlot = -1;

    SimKThread(int actor, int proc, KThreadRunner runner, StealOrder stealOrder) {
        this.actor = actor;
        this.proc = proc;
        this.runner = runner;
        this.token = runner.token();
        this.queue = runner.queue();
        this.stealOrder = stealOrder;
    }
}
