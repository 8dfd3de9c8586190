package org.danian.framework.engine;

import static org.danian.framework.engine.KernelFixture.assertInvariant;
import static org.danian.framework.engine.KernelFixture.proc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.kernel.KThreadStatus;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.ProcStatus;
import org.danian.spi.KThreadView;
import org.danian.spi.ProcView;
import org.danian.spi.pick.contract.TestProc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KernelOperationsTest {

    private final RecordingLogger logger = new RecordingLogger();
    private final LruTestPolicy alpha = new LruTestPolicy("alpha");
    private final Kernel kernel = KernelFixture.started(logger, "alpha", alpha);

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void newProcHasEveryKThreadIdleParkedInIdOrder() {
        proc(kernel, "web", 3);
        ProcStatus web = kernel.status().procs().get(0);
        assertEquals(3, web.idleCount());
        List<KThreadStatus> kthreads = web.kthreads();
        for (int id = 0; id < 3; id++) {
            assertFalse(kthreads.get(id).running());
            assertEquals(KThreadView.NO_CORE, kthreads.get(id).lastCore());
            assertTrue(id == 0 || kthreads.get(id).parkSequence() > kthreads.get(id - 1).parkSequence());
        }
        assertEquals(List.of("0/0", "0/1", "0/2"), alpha.parkLog);
        assertInvariant(kernel);
    }

    @Test
    void grantRunsTheChosenKThreadOnTheCoreAndSetsItsLastCore() {
        ProcView web = proc(kernel, "web", 2);
        KThreadView chosen = kernel.grant(web, 3);
        assertSame(web, chosen.proc());
        assertEquals(3, chosen.lastCore());
        KThreadStatus status = kernel.status().procs().get(0).kthreads().get(chosen.id());
        assertTrue(status.running());
        assertEquals(3, status.core());
        assertInvariant(kernel);
    }

    @Test
    void parkReturnsTheKThreadToTheIdleSetWithTheCoreItLeft() {
        ProcView web = proc(kernel, "web", 2);
        KThreadView chosen = kernel.grant(web, 1);
        kernel.park(chosen);
        assertEquals(2, kernel.status().procs().get(0).idleCount());
        assertEquals("0/" + chosen.id(), alpha.parkLog.get(alpha.parkLog.size() - 1));
        assertSame(chosen, kernel.grant(web, 1), "the LRU test policy prefers the kthread that left core 1");
        assertInvariant(kernel);
    }

    @Test
    void grantReturnsNullWhenNoKThreadIsIdle() {
        ProcView web = proc(kernel, "web", 1);
        kernel.grant(web, 0);
        assertNull(kernel.grant(web, 1));
        assertInvariant(kernel);
    }

    @Test
    void callerMistakesAreRejectedWithTheBadValue() {
        ProcView web = proc(kernel, "web", 2);
        KThreadView running = kernel.grant(web, 0);
        IllegalStateException busy = assertThrows(IllegalStateException.class, () -> kernel.grant(web, 0));
        assertTrue(busy.getMessage().contains("core 0 is busy"), busy.getMessage());
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> kernel.grant(web, 4));
        assertTrue(range.getMessage().contains("no core 4"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kernel.grant(new TestProc(0, 1), 1));
        assertThrows(IllegalArgumentException.class, () -> kernel.park(new TestProc(0, 1).kthread(0)));
        IllegalArgumentException taken = assertThrows(IllegalArgumentException.class, () -> proc(kernel, "web", 1));
        assertTrue(taken.getMessage().contains("'web'"), taken.getMessage());
        kernel.park(running);
        IllegalStateException idle = assertThrows(IllegalStateException.class, () -> kernel.park(running));
        assertTrue(idle.getMessage().contains("not running"), idle.getMessage());
        assertInvariant(kernel);
    }

    @Test
    void closeProcFreesItsCoresAndEmptiesItsIdleSet() {
        ProcView web = proc(kernel, "web", 3);
        ProcView batch = proc(kernel, "batch", 1);
        kernel.grant(web, 0);
        kernel.grant(web, 2);
        kernel.closeProc(web);
        KernelStatus status = kernel.status();
        assertEquals(1, status.procs().size());
        assertEquals("batch", status.procs().get(0).name());
        assertNotEquals(null, kernel.grant(batch, 0), "core 0 is free again");
        assertThrows(IllegalArgumentException.class, () -> kernel.grant(web, 1));
        assertThrows(IllegalArgumentException.class, () -> kernel.closeProc(web));
        assertInvariant(kernel);
    }

    @Test
    void policyCallingBackIntoTheKernelIsEjected() {
        LruTestPolicy reentrant = new LruTestPolicy("reentrant") {
            @Override
            KThreadView override(LruPicker picker, int core) {
                kernel.status(); // forbidden on the scheduler thread
                return null;
            }
        };
        kernel.addPolicy(reentrant);
        kernel.swapThreadPickPolicy("reentrant");
        ProcView web = proc(kernel, "web", 2);
        assertNotEquals(null, kernel.grant(web, 0), "the fallback serves the grant");
        assertEquals("alpha", kernel.activeThreadPickPolicy().orElseThrow());
        assertTrue(kernel.status().events().get(0).reason().contains("scheduler thread"));
        assertInvariant(kernel);
    }

    @Test
    void stoppedKernelRejectsCalls() {
        ProcView web = proc(kernel, "web", 1);
        kernel.stop();
        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> kernel.grant(web, 0));
        assertTrue(stopped.getMessage().contains("not running"), stopped.getMessage());
    }
}
