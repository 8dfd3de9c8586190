package org.danian.test.oldspi;

import java.util.ArrayDeque;
import org.danian.spi.KThreadView;
import org.danian.spi.pick.ThreadPicker;

/** Idle set as a stack; {@link #pick} takes the newest. O(1) park and pick, O(n) remove. */
public final class LifoPicker implements ThreadPicker {

    private final ArrayDeque<KThreadView> idle = new ArrayDeque<>();

    @Override
    public void parked(KThreadView kthread, int core) {
        idle.addFirst(kthread);
    }

    @Override
    public KThreadView pick(int core) {
        return idle.pollFirst();
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
