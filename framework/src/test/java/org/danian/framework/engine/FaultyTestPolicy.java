package org.danian.framework.engine;

import java.util.concurrent.atomic.AtomicReference;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc;

/**
 * A thread-pick policy that behaves like {@link LruTestPolicy} until a test arms one fault,
 * then breaks the contract that way at the next chance.
 */
public final class FaultyTestPolicy extends LruTestPolicy {

    /** The ways a policy can break the {@link ThreadPicker} contract. */
    public enum Fault {
        /** pick throws. */
        PICK_THROWS("threw"),
        /** pick returns a kthread of another proc. */
        FOREIGN_KTHREAD("not a kthread of that proc"),
        /** pick returns a kthread of the proc that is running. */
        NOT_IDLE_KTHREAD("which is not idle"),
        /** pick returns null while kthreads are idle. */
        NULL_WHILE_IDLE("returned null while"),
        /** idleCount disagrees with the kernel after a correct pick. */
        WRONG_IDLE_COUNT("idleCount() is"),
        /** parked throws. */
        PARKED_THROWS("parked fault"),
        /** newPicker throws (a swap to it fails; a new proc under it ejects it). */
        NEW_PICKER_THROWS("newPicker(");

        /** A fragment the kernel's reason must contain. */
        public final String reasonFragment;

        Fault(String reasonFragment) {
            this.reasonFragment = reasonFragment;
        }
    }

    private static final KThreadView FOREIGN = new TestProc(99, 1).kthread(0);

    private final AtomicReference<Fault> armed = new AtomicReference<>();

    public FaultyTestPolicy(String name) {
        super(name);
    }

    public FaultyTestPolicy(String name, Fault armedFault) {
        super(name);
        armed.set(armedFault);
    }

    /** Breaks the contract with {@code fault} from now on. */
    public void arm(Fault fault) {
        armed.set(fault);
    }

    private boolean armed(Fault fault) {
        return armed.get() == fault;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        if (armed(Fault.NEW_PICKER_THROWS)) {
            throw new IllegalStateException("newPicker fault");
        }
        return super.newPicker(proc, topology);
    }

    @Override
    KThreadView override(LruPicker picker, int core) {
        if (armed(Fault.PICK_THROWS)) {
            throw new IllegalStateException("pick fault");
        }
        if (armed(Fault.FOREIGN_KTHREAD)) {
            return FOREIGN;
        }
        if (armed(Fault.NOT_IDLE_KTHREAD)) {
            ProcView proc = picker.idle.iterator().next().proc();
            for (int id = 0; id < proc.kthreadCount(); id++) {
                if (!picker.idle.contains(proc.kthread(id))) {
                    return proc.kthread(id);
                }
            }
        }
        return null;
    }

    @Override
    boolean answersNull() {
        return armed(Fault.NULL_WHILE_IDLE);
    }

    @Override
    int reportedIdleCount(LruPicker picker) {
        return picker.idle.size() + (armed(Fault.WRONG_IDLE_COUNT) ? 1 : 0);
    }

    @Override
    void onParked(KThreadView kthread) {
        if (armed(Fault.PARKED_THROWS)) {
            throw new IllegalStateException("parked fault");
        }
    }
}
