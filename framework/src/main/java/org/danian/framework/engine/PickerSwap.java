package org.danian.framework.engine;

import java.util.List;

import org.danian.spi.CoreTopology;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;

/**
 * The transactional half of a hot swap (docs/architecture.md, "One hot swap"): builds a new
 * policy's picker for every proc by replaying the kernel's idle list into it in park order,
 * oldest first, and checks each. Nothing is switched until every picker is built: a build
 * that throws leaves every proc's current picker in place. Scheduler thread only.
 *
 * <p>Cost: O(procs + idle kthreads) calls into the policy, plus one array; this is the pause
 * a swap imposes on the scheduler loop.
 */
final class PickerSwap {

    private PickerSwap() {
    }

    /**
     * New pickers for {@code procs}, in the same order, filled with their idle sets.
     *
     * @throws PolicyFault if the policy throws, returns no picker, or a picker's idle count
     *     disagrees after the replay
     */
    static ThreadPicker[] build(ThreadPickPolicy policy, List<ProcEntry> procs, CoreTopology topology) {
        ThreadPicker[] pickers = new ThreadPicker[procs.size()];
        for (int i = 0; i < pickers.length; i++) {
            pickers[i] = buildOne(policy, procs.get(i), topology);
        }
        return pickers;
    }

    /** Installs pickers built by {@link #build} for the same list of procs. */
    static void commit(List<ProcEntry> procs, ThreadPicker[] pickers) {
        for (int i = 0; i < pickers.length; i++) {
            procs.get(i).picker = pickers[i];
        }
    }

    /** A new picker for one proc, filled with its idle set in park order. */
    static ThreadPicker buildOne(ThreadPickPolicy policy, ProcEntry proc, CoreTopology topology) {
        ThreadPicker picker;
        try {
            picker = policy.newPicker(proc, topology);
        } catch (Throwable thrown) {
            throw PolicyFault.of("newPicker(" + proc + ")", thrown);
        }
        if (picker == null) {
            throw new PolicyFault("newPicker(" + proc + ") returned null");
        }
        PickerGuard.checkIdleCount(proc, picker, 0, "newPicker");
        try {
            for (KThreadEntry kthread = proc.idle.oldest(); kthread != null; kthread = kthread.newer) {
                picker.parked(kthread, kthread.lastCore);
            }
        } catch (Throwable thrown) {
            throw PolicyFault.of("replaying the idle set of " + proc + " into the new picker", thrown);
        }
        PickerGuard.checkIdleCount(proc, picker, proc.idle.size(), "the replay");
        return picker;
    }
}
