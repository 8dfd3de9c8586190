package org.danian.framework.engine;

import java.util.List;

import org.danian.spi.pick.ThreadPicker;

/**
 * The thread-pick seam: every call the kernel makes into a proc's {@link ThreadPicker}, each
 * checked by {@link PickerGuard}, and how a policy's pickers are built and switched for its
 * {@link PolicySlot}. A fault ejects the policy through the slot, whose fallback has by then
 * rebuilt every proc's picker from the kernel's own idle lists; the call that revealed the
 * fault is then served by the fallback, so no grant or park is lost. Scheduler thread only.
 *
 * <p>Without an active policy, grants use the kernel's built-in rule, the least recently
 * parked kthread (Caladan's last rung, which needs no policy state).
 */
final class PickSeam implements PolicySlot.Seam<ThreadPicker[]> {

    private final ProcTable table;
    private PolicySlot<ThreadPicker[]> slot;

    PickSeam(ProcTable table) {
        this.table = table;
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

    /** A kthread for a grant of {@code core}: the picker's choice, checked, or the fallback's. */
    KThreadEntry pick(ProcEntry proc, int core) {
        while (proc.picker != null) {
            try {
                return PickerGuard.pick(proc, core);
            } catch (PolicyFault fault) {
                slot.eject(fault); // the fallback's pickers hold the whole idle set; ask again
            }
        }
        return proc.idle.oldest();
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
