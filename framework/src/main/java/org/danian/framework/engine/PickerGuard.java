package org.danian.framework.engine;

import org.danian.spi.KThreadView;
import org.danian.spi.pick.ThreadPicker;

/**
 * Calls a proc's picker and checks every answer against the kernel's own idle set, so that a
 * policy that breaks the {@link ThreadPicker} contract is caught at the call that revealed it.
 *
 * <p>The common case is a handful of comparisons and allocates nothing; only a broken answer
 * builds a message and throws {@link PolicyFault} (the rare path). Scheduler thread only.
 */
final class PickerGuard {

    private PickerGuard() {
    }

    /**
     * Asks the picker of {@code proc} for a kthread for {@code core} and checks it: not null,
     * the proc's own, idle, and the picker's idle count one less than the kernel's. The kernel
     * has not changed anything yet when this returns.
     *
     * @param proc a proc with a picker and at least one idle kthread
     */
    static KThreadEntry pick(ProcEntry proc, int core) {
        ThreadPicker picker = proc.picker;
        KThreadView chosen;
        try {
            chosen = picker.pick(core);
        } catch (Throwable thrown) {
            throw PolicyFault.of("pick(" + core + ") for " + proc, thrown);
        }
        if (!(chosen instanceof KThreadEntry kthread) || kthread.proc() != proc) {
            throw badPick(proc, core, chosen);
        }
        if (!kthread.idle) {
            throw new PolicyFault("pick(" + core + ") for " + proc + " returned " + kthread
                    + ", which is not idle (it runs on core " + kthread.core + ")");
        }
        if (idleCount(proc, picker) != proc.idle.size() - 1) {
            checkIdleCount(proc, picker, proc.idle.size() - 1, "pick(" + core + ")"); // rare: builds the reason
        }
        return kthread;
    }

    private static PolicyFault badPick(ProcEntry proc, int core, KThreadView chosen) {
        if (chosen == null) {
            return new PolicyFault("pick(" + core + ") for " + proc + " returned null while "
                    + proc.idle.size() + " kthreads are idle");
        }
        return new PolicyFault("pick(" + core + ") for " + proc + " returned " + chosen
                + ", which is not a kthread of that proc");
    }

    /** Tells the picker that {@code kthread}, already in the kernel's idle list, parked. */
    static void parked(ProcEntry proc, KThreadEntry kthread, int core) {
        ThreadPicker picker = proc.picker;
        try {
            picker.parked(kthread, core);
        } catch (Throwable thrown) {
            throw PolicyFault.of("parked(" + kthread + ", " + core + ")", thrown);
        }
        checkIdleCount(proc, picker, proc.idle.size(), "parked");
    }

    /** Tells the picker that {@code kthread}, already unlinked by the kernel, left the set. */
    static void removed(ProcEntry proc, ThreadPicker picker, KThreadEntry kthread) {
        try {
            picker.removed(kthread);
        } catch (Throwable thrown) {
            throw PolicyFault.of("removed(" + kthread + ")", thrown);
        }
        checkIdleCount(proc, picker, proc.idle.size(), "removed");
    }

    /**
     * Checks that the picker's idle count equals the kernel's. {@code after} names the call
     * that preceded, for the reason; callers on the hot path pass a constant.
     */
    static void checkIdleCount(ProcEntry proc, ThreadPicker picker, int expected, String after) {
        int reported = idleCount(proc, picker);
        if (reported != expected) {
            throw new PolicyFault("after " + after + " for " + proc + ", idleCount() is " + reported
                    + " but the kernel counts " + expected + " idle kthreads");
        }
    }

    private static int idleCount(ProcEntry proc, ThreadPicker picker) {
        try {
            return picker.idleCount();
        } catch (Throwable thrown) {
            throw PolicyFault.of("idleCount() for " + proc, thrown);
        }
    }
}
