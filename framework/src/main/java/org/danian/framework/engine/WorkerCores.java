package org.danian.framework.engine;

import java.util.List;

import org.danian.framework.runtime.RuntimeContext;

/**
 * The worker cores' {@link CoreSlot}s, indexed by core number, and what the loop asks of them
 * as a whole: whether any is granted, and whether the loop may stop polling them
 * ({@link #quiet}). Allocation-free; scheduler thread only.
 */
final class WorkerCores {

    private final CoreSlot[] slots;
    private final int[] workers;

    /**
     * @param coreCount the machine's cores
     * @param workerCores the cores the kernel may grant
     * @throws IllegalArgumentException if a worker core is not below {@code coreCount}
     */
    WorkerCores(int coreCount, List<Integer> workerCores) {
        this.workers = workerCores.stream().mapToInt(Integer::intValue).toArray();
        this.slots = new CoreSlot[coreCount];
        for (int core : workers) {
            if (core < 0 || core >= coreCount) {
                throw new IllegalArgumentException("worker core " + core + " is not in 0.." + (coreCount - 1));
            }
            slots[core] = new CoreSlot(core);
        }
    }

    /** The worker cores, in the configured order; the array itself, not to be modified. */
    int[] cores() {
        return workers;
    }

    CoreSlot slot(int core) {
        return slots[core];
    }

    boolean isWorker(int core) {
        return core >= 0 && core < slots.length && slots[core] != null;
    }

    /** Whether some worker core is granted or being switched: a proc is running or leaving. */
    boolean anyGranted() {
        for (int core : workers) {
            CoreSlot slot = slots[core];
            if (slot.generation != CoreSlot.NO_GENERATION || slot.leaving != null) {
                return true;
            }
        }
        return false;
    }

    /** As {@link Engine#quiet()}, which documents it. */
    boolean quiet(ProcTable table, RuntimeContext runtime) {
        for (int core : workers) {
            CoreSlot slot = slots[core];
            if (slot.leaving != null || slot.reclaiming) {
                return false;
            }
            if (slot.generation != CoreSlot.NO_GENERATION
                    && (slot.started || runtime.mailbox(core).hasStarted(slot.generation))) {
                ProcEntry proc = table.onCore(core).proc();
                if (proc.runtime.hasQueuedWork() && !(saturated(proc) && !table.anyWaitingForCore())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether {@code proc} holds every core it could get: all the worker cores, or its
     * maximum. Its congestion can then change no decision (there is no core to grant it), so
     * while no other proc waits for a core, work queued behind its kthreads is theirs to run
     * and the loop need not poll to judge it. Another proc's work raises core-needed, which
     * ends the wait.
     */
    private boolean saturated(ProcEntry proc) {
        return proc.coresHeld >= Math.min(workers.length, proc.spec().maxCores());
    }
}
