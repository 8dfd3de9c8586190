package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.danian.framework.affinity.ThreadNiceProbe;
import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.LiveProc;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.ProcStatus;
import org.danian.kernel.ThreadPriority;
import org.danian.spi.CoreTopology;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The kernel's two faces on a live kernel: what they accept, what they refuse, and how they say so. */
class KernelOperationsTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final LruTestPolicy alpha = new LruTestPolicy("alpha");
    private final Kernel kernel = LiveFixture.started(logger, alpha);

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void newProcHasEveryKThreadIdleParkedInIdOrderWithItsTickets() {
        LiveProc web = kernel.startProc(ProcSpec.latencyCritical("web", 3).withKThreadTickets(List.of(5, 1, 2)));
        ProcStatus status = kernel.status().procs().get(0);
        assertEquals(3, status.count(KThreadStatus.State.IDLE));
        List<KThreadStatus> kthreads = status.kthreads();
        for (int id = 0; id < 3; id++) {
            assertEquals(KThreadView.NO_CORE, kthreads.get(id).lastCore());
            assertTrue(id == 0 || kthreads.get(id).parkSequence() > kthreads.get(id - 1).parkSequence());
        }
        assertEquals(List.of(5, 1, 2), kthreads.stream().map(KThreadStatus::tickets).toList());
        assertEquals(List.of("0/0", "0/1", "0/2"), alpha.parkLog);
        assertEquals(5, web.view().kthread(0).tickets(), "the view policies see carries the spec's tickets");
        web.close();
        LiveFixture.assertInvariant(kernel);
    }

    @Test
    void statusCarriesTheSettingsInEffectAndBothSlots() {
        KernelStatus status = kernel.status();
        assertEquals(kernel.settings(), status.settings());
        assertEquals(List.of(1), status.settings().workerCores());
        assertEquals("alpha", status.threadPick().active());
        assertEquals("simple", status.coreAllocation().active());
        assertEquals(KernelSettings.KERNEL_UDP_DRIVER, status.packets().configured());
        assertTrue(status.warnings().get(0).contains("'kernel-udp' is not installed"), status.warnings().toString());
    }

    @Test
    void theSchedulerThreadAndTheKThreadsRunAtTheNiceValueWhereLinuxPermitsIt() throws Exception {
        int requested = KernelSettings.DEFAULT_THREAD_NICE;
        assertEquals(requested, kernel.settings().threadNice(), "the default");
        LiveProc web = kernel.startProc(ProcSpec.latencyCritical("nt", 2));
        ThreadPriority priority = kernel.status().priority();
        assertEquals(requested, priority.requested());
        // Linux keeps 15 characters of a thread's name: "danian-schedule".
        List<Long> scheduler = ThreadNiceProbe.threadsNamed("danian-schedul");
        assertFalse(scheduler.isEmpty(), "no scheduler thread in /proc/self/task");
        if (ThreadNiceProbe.mayLowerTo(requested)) {
            assertTrue(priority.applied(), priority.reason());
            for (long tid : scheduler) {
                assertEquals(requested, ThreadNiceProbe.niceOf(tid), "scheduler thread " + tid);
            }
            LiveFixture.await(() -> kthreadNices().equals(List.of(requested, requested)),
                    () -> "kthreads run at " + kthreadNices());
        } else {
            assertFalse(priority.applied());
            assertTrue(priority.reason().contains("threadNice=" + requested + " refused"), priority.reason());
            for (long tid : scheduler) {
                assertTrue(ThreadNiceProbe.niceOf(tid) > requested, "scheduler thread " + tid);
            }
        }
        assertEquals(0, priority.kthreadsRefused());
        web.close();
    }

    private static List<Integer> kthreadNices() {
        try {
            List<Integer> nices = new java.util.ArrayList<>();
            for (long tid : ThreadNiceProbe.threadsNamed("danian-nt-k")) {
                nices.add(ThreadNiceProbe.niceOf(tid));
            }
            return nices;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void callerMistakesAreRejectedWithTheBadValue() throws Exception {
        LiveProc web = kernel.startProc(ProcSpec.latencyCritical("web", 1));
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                () -> kernel.startProc(ProcSpec.latencyCritical("web", 2)));
        assertTrue(taken.getMessage().contains("'web'"), taken.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> kernel.swap(PolicyKind.CORE_ALLOCATION, "alpha"));
        assertEquals("unknown core-allocation policy 'alpha'; valid names: simple", unknown.getMessage());
        IOException noDriver = assertThrows(IOException.class,
                () -> kernel.openPort(new InetSocketAddress("127.0.0.1", 0), web, packet -> packet.release()));
        assertTrue(noDriver.getMessage().contains("packet driver 'kernel-udp' is not installed"), noDriver.getMessage());
        web.close();
        IllegalArgumentException closed = assertThrows(IllegalArgumentException.class,
                () -> kernel.openPort(new InetSocketAddress("127.0.0.1", 0), web, packet -> packet.release()));
        assertTrue(closed.getMessage().contains("not a live proc"), closed.getMessage());
    }

    @Test
    void policyCallingBackIntoTheKernelIsEjectedAndTheGrantServed() {
        AtomicInteger calls = new AtomicInteger();
        LruTestPolicy reentrant = new LruTestPolicy("reentrant") {
            @Override
            KThreadView override(LruPicker picker, int core) {
                calls.incrementAndGet();
                kernel.status(); // forbidden on the scheduler thread
                return null;
            }
        };
        kernel.addPolicy(reentrant);
        kernel.swap(PolicyKind.THREAD_PICK, "reentrant");
        LiveProc web = kernel.startProc(ProcSpec.latencyCritical("web", 2));
        AtomicInteger ran = new AtomicInteger();
        web.submit(ran::incrementAndGet);
        LiveFixture.await(() -> ran.get() == 1, () -> "the fallback serves the grant: " + kernel.status());
        assertEquals(1, calls.get());
        KernelStatus status = kernel.status();
        assertEquals("alpha", status.threadPick().active());
        assertTrue(status.events().get(0).reason().contains("scheduler thread"), status.events().toString());
        assertEquals(status.events(), kernel.events(), "the events alone are the status's events");
        web.close();
        LiveFixture.assertInvariant(kernel);
    }

    @Test
    void stoppedKernelRejectsCalls() {
        kernel.stop();
        IllegalStateException stopped = assertThrows(IllegalStateException.class,
                () -> kernel.startProc(ProcSpec.latencyCritical("late", 1)));
        assertTrue(stopped.getMessage().contains("not running"), stopped.getMessage());
        assertThrows(IllegalStateException.class, kernel::status);
        assertThrows(IllegalStateException.class, kernel::metrics);
        assertThrows(IllegalStateException.class, kernel::events);
        assertEquals(CoreTopology.noSiblings(2), kernel.topology(), "the topology stays readable");
    }
}
