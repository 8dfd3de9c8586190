package org.danian.spi.pick.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.pick.ThreadPickPolicy;
import org.danian.spi.pick.ThreadPicker;
import org.danian.spi.pick.contract.TestProc.TestKThread;

/**
 * Plays the kernel's part around one picker, and checks every answer against an exact model
 * of the idle set kept in park order (least recently parked first).
 *
 * <p>It calls the picker exactly as the kernel promises to (see {@link ThreadPicker}): a
 * kthread is parked only when running, picked or removed only when idle, and its last core
 * is set to the granted core when it is picked.
 */
public final class PickerHarness {

    private final TestProc proc;
    private final CoreTopology topology;
    private final ThreadPicker picker;
    private final LinkedHashSet<TestKThread> idleInParkOrder = new LinkedHashSet<>();
    private final List<TestKThread> running = new ArrayList<>();

    /** A harness whose picker starts with every kthread of {@code proc} parked, never run. */
    public PickerHarness(ThreadPickPolicy policy, TestProc proc, CoreTopology topology) {
        this.proc = proc;
        this.topology = topology;
        this.picker = policy.newPicker(proc, topology);
        assertNotNull(picker, "newPicker returned null");
        assertEquals(0, picker.idleCount(), "a new picker must be empty");
        for (int i = 0; i < proc.kthreadCount(); i++) {
            running.add(proc.kthread(i));
        }
        for (int i = 0; i < proc.kthreadCount(); i++) {
            park(proc.kthread(i));
        }
    }

    /** The picker under test. */
    public ThreadPicker picker() {
        return picker;
    }

    public TestProc proc() {
        return proc;
    }

    public CoreTopology topology() {
        return topology;
    }

    /** The idle set, least recently parked first. */
    public List<TestKThread> idleInParkOrder() {
        return new ArrayList<>(idleInParkOrder);
    }

    public int idleCount() {
        return idleInParkOrder.size();
    }

    public int runningCount() {
        return running.size();
    }

    /** Parks a running kthread from the core it last ran on. */
    public void park(TestKThread kthread) {
        assertTrue(running.remove(kthread), () -> kthread + " is not running");
        idleInParkOrder.add(kthread);
        picker.parked(kthread, kthread.lastCore());
        checkCount();
    }

    /** Parks the {@code index}-th running kthread (in the order they started running). */
    public TestKThread parkRunning(int index) {
        TestKThread kthread = running.get(index);
        park(kthread);
        return kthread;
    }

    /** Picks for {@code core}, checks the answer, and runs the kthread there. */
    public TestKThread pick(int core) {
        boolean hadIdle = !idleInParkOrder.isEmpty();
        KThreadView chosen = picker.pick(core);
        if (!hadIdle) {
            assertNull(chosen, "pick on an empty idle set must return null");
            return null;
        }
        assertNotNull(chosen, () -> "pick(" + core + ") returned null with " + idleInParkOrder.size()
                + " idle");
        assertSame(proc, chosen.proc(), () -> "pick returned a foreign kthread " + chosen);
        TestKThread kthread = proc.kthread(chosen.id());
        assertSame(kthread, chosen, () -> "pick returned a view the kernel never gave: " + chosen);
        if (!idleInParkOrder.remove(kthread)) {
            fail("pick(" + core + ") returned " + kthread + ", which is not idle");
        }
        kthread.lastCore(core);
        running.add(kthread);
        checkCount();
        return kthread;
    }

    /** Removes an idle kthread without picking it (detach, exit). */
    public void remove(TestKThread kthread) {
        assertTrue(idleInParkOrder.remove(kthread), () -> kthread + " is not idle");
        picker.removed(kthread);
        running.add(kthread); // it is back in the kernel's hands, as if running
        checkCount();
    }

    /**
     * One random operation: park a running kthread, pick for a random core, or remove a
     * random idle kthread (less often), the mix the contract and differential tests use.
     *
     * @return the kthread picked, or null if the operation was not a pick
     */
    public TestKThread randomStep(SplittableRandom random) {
        int dice = random.nextInt(100);
        if (dice < 45 && !running.isEmpty()) {
            parkRunning(random.nextInt(running.size()));
            return null;
        }
        if (dice < 95 || idleInParkOrder.isEmpty()) {
            return pick(random.nextInt(topology.coreCount()));
        }
        remove(idleInParkOrder().get(random.nextInt(idleInParkOrder.size())));
        return null;
    }

    /** Picks until the picker is empty and checks that it held exactly the model's set. */
    public void drainAndCheck() {
        int expected = idleInParkOrder.size();
        for (int i = 0; i < expected; i++) {
            assertNotNull(pick(i % topology.coreCount()));
        }
        assertNull(picker.pick(0), "picker still returns a kthread after the idle set emptied");
        assertEquals(0, picker.idleCount());
    }

    private void checkCount() {
        assertEquals(idleInParkOrder.size(), picker.idleCount(), "idleCount disagrees with the idle set");
    }
}
