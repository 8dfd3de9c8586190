package org.danian.distribution.it;

import java.util.ArrayDeque;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;

/**
 * A thread-pick policy that keeps its idle set correctly but breaks the contract in
 * {@link ThreadPicker#pick} in one chosen way, for the failsafe tests.
 */
final class FaultyPickPolicy implements ThreadPickPolicy {

    /** How {@code pick} breaks the contract. */
    enum Fault {
        /** Throws instead of choosing. */
        THROWS,
        /** Returns a kthread of another proc. */
        FOREIGN_KTHREAD,
        /** Returns null although the idle set is not empty. */
        NONE_WHILE_IDLE
    }

    private final String name;
    private final Fault fault;
    private final KThreadView foreign;

    /**
     * @param foreign the kthread a {@link Fault#FOREIGN_KTHREAD} picker returns; null otherwise
     */
    FaultyPickPolicy(String name, Fault fault, KThreadView foreign) {
        this.name = name;
        this.fault = fault;
        this.foreign = foreign;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        return new FaultyPicker();
    }

    private final class FaultyPicker implements ThreadPicker {

        private final ArrayDeque<KThreadView> idle = new ArrayDeque<>();

        @Override
        public void parked(KThreadView kthread, int core) {
            idle.addLast(kthread);
        }

        @Override
        public KThreadView pick(int core) {
            switch (fault) {
                case THROWS:
                    throw new IllegalStateException("deliberate fault of test policy " + name + " on core " + core);
                case FOREIGN_KTHREAD:
                    return foreign;
                default:
                    return null;
            }
        }

        @Override
        public void removed(KThreadView kthread) {
            idle.remove(kthread);
        }

        @Override
        public int idleCount() {
            return idle.size();
        }
    }
}
