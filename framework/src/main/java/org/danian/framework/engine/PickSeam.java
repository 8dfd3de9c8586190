package org.danian.framework.engine;

import java.util.List;

import org.danian.framework.metrics.KernelMetrics;
import org.danian.spi.pick.ThreadPicker;

/**
 * The thread-pick seam: every call the kernel makes into a proc's {@link ThreadPicker}, each
 * checked by {@link PickerGuard}, and how a policy's pickers are built and switched for its
 * {@link PolicySlot}. A fault ejects the policy through the slot, whose fallback has by then
 * rebuilt every proc's picker from the kernel's own idle lists; the call that revealed the
 * fault is then served by the fallback, so no grant or park is lost. Scheduler thread only.
 *
 * <p>Every pick is timed in wall time ({@code System.nanoTime}, two reads) for the
 * {@link PickWatchdog}, which ejects a policy whose picks stay over the budget; a sampled pick
 * (the engine samples one grant in 64) is also timed in the scheduler thread's CPU time
 * ({@link PickClock}) for the pick-cost metrics.
 *
 * <p>Without an active policy, grants use the kernel's built-in rule, the least recently
 * parked kthread (Caladan's last rung, which needs no policy state).
 */
final class PickSeam implements PolicySlot.Seam<ThreadPicker[]> {

    private final ProcTable table;
    private final PickClock clock;
    private final PickWatchdog watchdog;
    private final KernelMetrics metrics;
    private PolicySlot<ThreadPicker[]> slot;

    PickSeam(ProcTable table, PickClock clock, PickWatchdog watchdog, KernelMetrics metrics) {
        this.table = table;
        this.clock = clock;
        this.watchdog = watchdog;
        this.metrics = metrics;
    }

    /** Once, before any other call: the slot this seam serves. */
    void slot(PolicySlot<ThreadPicker[]> owner) {
        this.slot = owner;
    }

    /** New pickers for every live proc, in table order, each filled with its idle set. */
    @Override
    public ThreadPicker[] build(PolicyEntry entry) {
        return PickerSwap.build(entry.threadPickPolicy(), table.procs(), table.topology());
    }

    @Override
    public void commit(ThreadPicker[] built) {
        PickerSwap.commit(table.procs(), built);
    }

    @Override
    public void clear() {
        List<ProcEntry> procs = table.procs();
        for (int i = 0; i < procs.size(); i++) {
            procs.get(i).picker = null;
        }
    }

    @Override
    public String withoutPolicy() {
        return "grants are served by the kernel's built-in least-recently-parked rule";
    }

    /** Gives a new proc a picker of the active policy; a policy that fails it is ejected. */
    void attach(ProcEntry proc) {
        PolicyEntry active = slot.active();
        if (active == null) {
            return;
        }
        try {
            proc.picker = PickerSwap.buildOne(active.threadPickPolicy(), proc, table.topology());
        } catch (PolicyFault fault) {
            slot.eject(fault); // the fallback builds a picker for every proc in the table, this one too
        }
    }

    /**
     * A kthread for a grant of {@code core}: the picker's choice, checked and timed, or the
     * fallback's.
     *
     * @param sampled whether to record this pick's CPU and wall time in the metrics
     */
    KThreadEntry pick(ProcEntry proc, int core, boolean sampled) {
        while (proc.picker != null) {
            try {
                return timedPick(proc, core, sampled);
            } catch (PolicyFault fault) {
                slot.eject(fault); // the fallback's pickers hold the whole idle set; ask again
            }
        }
        return proc.idle.oldest();
    }

    // The CPU readings bracket the wall readings: the wall time leaves the CPU clock's cost out.
    private KThreadEntry timedPick(ProcEntry proc, int core, boolean sampled) {
        long cpuStart = sampled ? clock.cpuNanos() : 0;
        long start = System.nanoTime();
        KThreadEntry chosen = PickerGuard.pick(proc, core);
        long wall = System.nanoTime() - start;
        if (sampled) {
            metrics.pickCost(proc, wall, PickClock.between(cpuStart, clock.cpuNanos()));
        }
        watchdog.judge(slot.active(), proc, wall); // after the guard: a wrong answer is named as such
        return chosen;
    }

    /** Tells the picker of {@code proc} that a kthread parked (already in the kernel's list). */
    void parked(ProcEntry proc, KThreadEntry kthread, int core) {
        if (proc.picker == null) {
            return;
        }
        try {
            PickerGuard.parked(proc, kthread, core);
        } catch (PolicyFault fault) {
            slot.eject(fault); // the fallback's replay already includes the kthread
        }
    }

    /**
     * Tells the picker of a closing proc (no longer in the table) that an idle kthread left.
     *
     * @return the picker to use for the next kthread; null once it faulted
     */
    ThreadPicker removed(ProcEntry proc, ThreadPicker picker, KThreadEntry kthread) {
        try {
            PickerGuard.removed(proc, picker, kthread);
            return picker;
        } catch (PolicyFault fault) {
            slot.eject(fault);
            return null;
        }
    }
}
