package org.danian.framework.sim;

/**
 * How the simulated runtime places and runs requests (docs/simulator.md, "Kthreads").
 *
 * @param steering where an arriving request is queued ({@link Steering})
 * @param yieldQuantumNanos 0 for run to completion; otherwise a request runs at most this
 *     long at a time, then yields: it goes to the back of its kthread's run queue (of the
 *     ingress queue under {@link Steering#INGRESS}) and the kthread takes its next request,
 *     as Caladan's runtime requeues a yielding thread at the tail (runtime/sched.c;
 *     docs/bibliography.md, Caladan runtime)
 */
public record RuntimeModel(Steering steering, long yieldQuantumNanos) {

    /** Where arriving requests go. */
    public enum Steering {
        /**
         * Caladan's receive path (iokernel {@code rx_send_to_runtime}): to the run queue of a
         * running kthread chosen by flow (a closed-loop client is one flow; open-loop arrivals
         * take the running kthreads in turn); with no kthread running, to the proc's ingress
         * queue, which raises the core-needed signal as a packet does in the live kernel. An
         * idle kthread steals from the others' queues before it spins and parks.
         */
        KTHREADS,
        /**
         * The live kernel's packet path: every request to the proc's one ingress queue, which
         * every kthread serves; with 16 kthreads that never park, an M/M/c queue.
         */
        INGRESS;

        /** The option word: {@code kthreads} or {@code ingress}. */
        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException naming the valid words
         */
        public static Steering named(String word) {
            for (Steering steering : values()) {
                if (steering.word().equals(word)) {
                    return steering;
                }
            }
            throw new IllegalArgumentException("unknown steering '" + word + "'; valid: kthreads, ingress");
        }
    }

    public RuntimeModel {
        if (steering == null) {
            throw new IllegalArgumentException("steering must not be null");
        }
        if (yieldQuantumNanos < 0) {
            throw new IllegalArgumentException("yieldQuantumNanos must be at least 0: " + yieldQuantumNanos);
        }
    }

    /** Per-kthread run queues with stealing; requests run to completion. */
    public static RuntimeModel defaults() {
        return new RuntimeModel(Steering.KTHREADS, 0);
    }

    /** One shared ingress queue, run to completion (queueing-theory checks). */
    public static RuntimeModel sharedIngress() {
        return new RuntimeModel(Steering.INGRESS, 0);
    }

    public RuntimeModel withYieldQuantum(long nanos) {
        return new RuntimeModel(steering, nanos);
    }
}
