package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.kernel.KernelSettings;
import org.danian.kernel.LiveProc;
import org.danian.spi.CoreTopology;
import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live: with the core-allocation slot empty (its only policy gone), work a proc accepts still
 * runs and the proc still closes, by the kernel's built-in core rule. Without that rule the
 * close waited forever for a drain no core would run, and so did the distribution's shutdown.
 */
class LiveWithoutAllocatorTest {

    private static final int TASKS = 1_000;

    private final SimpleAllocationPolicy simple = new SimpleAllocationPolicy();
    private final Kernel kernel = started();

    private Kernel started() {
        CoreTopology topology = CoreTopology.noSiblings(2);
        Kernel started = new Kernel(topology, new RecordingLogger(), KernelSettings.withCores(topology, 0, List.of(1)));
        started.addPolicy(simple);
        started.addPolicy(new LruTestPolicy("lru"));
        started.start("lru", SimpleAllocationPolicy.NAME);
        return started;
    }

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void acceptedWorkRunsAndTheProcClosesWithTheSlotEmpty() {
        LiveProc proc = kernel.startProc(ProcSpec.latencyCritical("orphan", 2));
        kernel.removePolicy(simple);
        assertNull(kernel.status().coreAllocation().active(), kernel.status().toString());
        AtomicInteger ran = new AtomicInteger();
        for (int i = 0; i < TASKS; i++) {
            proc.submit(ran::incrementAndGet);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), proc::close,
                () -> ran.get() + " of " + TASKS + " tasks ran; " + kernel.status());
        assertEquals(TASKS, ran.get());
        assertEquals(TASKS, proc.completedCount());
        assertEquals(0, kernel.status().procs().size(), "the closed proc left the kernel");
        LiveFixture.assertInvariant(kernel);
    }
}
