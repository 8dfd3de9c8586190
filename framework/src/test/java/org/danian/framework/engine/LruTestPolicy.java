package org.danian.framework.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;

/**
 * A correct thread-pick policy for kernel tests: a kthread that last ran on the granted core
 * if one is idle, else the least recently parked. It records every park it hears, so tests
 * can check the replay order of a swap.
 */
public class LruTestPolicy implements ThreadPickPolicy {

    private final String name;
    /** Every (proc id, kthread id) parked into any of this policy's pickers, in call order. */
    final List<String> parkLog = new ArrayList<>();
    int pickersBuilt;

    public LruTestPolicy(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public ThreadPicker newPicker(ProcView proc, CoreTopology topology) {
        pickersBuilt++;
        return new LruPicker();
    }

    /** Hook for faulty subclasses: called before each pick answers. */
    KThreadView override(LruPicker picker, int core) {
        return null;
    }

    /** Hook for faulty subclasses: whether pick answers null whatever is idle. */
    boolean answersNull() {
        return false;
    }

    /** Hook for faulty subclasses: the idle count to report. */
    int reportedIdleCount(LruPicker picker) {
        return picker.idle.size();
    }

    /** Hook for faulty subclasses: called on each park. */
    void onParked(KThreadView kthread) {
    }

    class LruPicker implements ThreadPicker {
        final LinkedHashSet<KThreadView> idle = new LinkedHashSet<>();

        @Override
        public void parked(KThreadView kthread, int core) {
            onParked(kthread);
            if (!idle.add(kthread)) {
                throw new AssertionError("kernel parked " + kthread + " twice");
            }
            if (kthread.lastCore() != core) {
                throw new AssertionError("parked(" + kthread + ", " + core + ") but lastCore is " + kthread.lastCore());
            }
            parkLog.add(kthread.proc().id() + "/" + kthread.id());
        }

        @Override
        public KThreadView pick(int core) {
            if (answersNull()) {
                return null;
            }
            KThreadView forced = override(this, core);
            if (forced != null) {
                return forced;
            }
            KThreadView chosen = null;
            for (KThreadView kthread : idle) {
                if (kthread.lastCore() == core) {
                    chosen = kthread;
                }
            }
            if (chosen == null && !idle.isEmpty()) {
                chosen = idle.iterator().next();
            }
            if (chosen != null) {
                idle.remove(chosen);
            }
            return chosen;
        }

        @Override
        public void removed(KThreadView kthread) {
            if (!idle.remove(kthread)) {
                throw new AssertionError("kernel removed " + kthread + ", which is not idle");
            }
        }

        @Override
        public int idleCount() {
            return reportedIdleCount(this);
        }
    }
}
