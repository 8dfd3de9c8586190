package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.danian.spi.CoreTopology;
import org.danian.spi.Priority;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code org.danian.CoreGrant} Flight Recorder event: a recording that enables it finds one
 * event per grant of the real engine, with the proc, core, kthread and reason; without a
 * recording, grants allocate nothing (the event is never built).
 */
class CoreGrantEventTest {

    private static final String EVENT = "org.danian.CoreGrant";
    private static final long POLL = 10_000;
    private static final int GRANTS = 5;
    private static final int CYCLES = 20_000;

    @TempDir
    Path folder;

    private final EngineHarness machine = new EngineHarness(CoreTopology.noSiblings(3), "none", "simple", 1, 2);
    private final ProcEntry web = machine.start("web", 2, Priority.LATENCY_CRITICAL, 0, 2, POLL);

    @Test
    void aRecordingFindsOneEventPerGrantWithItsProcCoreKthreadAndReason() throws Exception {
        Path file = folder.resolve("grants.jfr");
        long grantsBefore = grants();
        try (Recording recording = new Recording()) {
            recording.enable(EVENT);
            recording.start();
            cycles(GRANTS);
            recording.stop();
            recording.dump(file);
        }
        long granted = grants() - grantsBefore;
        assertEquals(GRANTS, granted, "every cycle granted a core");

        List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
                .filter(event -> event.getEventType().getName().equals(EVENT)).collect(Collectors.toList());
        assertEquals(granted, events.size(), events::toString);
        for (RecordedEvent event : events) {
            assertEquals("web", event.getString("proc"), event::toString);
            assertEquals(web.id(), event.getInt("procId"), event::toString);
            assertTrue(machine.engine.isWorker(event.getInt("core")), event::toString);
            int kthread = event.getInt("kthread");
            assertTrue(kthread >= 0 && kthread < web.kthreadCount(), event::toString);
            assertEquals("allocator", event.getString("reason"), event::toString);
            assertTrue(event.getLong("waitedNanos") >= 0, event::toString);
        }
    }

    @Test
    void grantsWithoutARecordingAllocateNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        cycles(CYCLES); // warm: the grant path compiled, the event type's flag read many times
        long thread = Thread.currentThread().getId();
        long grantsBefore = grants();
        long before = threads.getThreadAllocatedBytes(thread);
        cycles(CYCLES);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(CYCLES, grants() - grantsBefore, "every cycle granted a core");
        // One event object per grant would be at least CYCLES × 40 bytes.
        assertTrue(allocated < 1024, allocated + " bytes allocated over " + CYCLES + " grants");
    }

    private long grants() {
        return machine.metrics.globalSnapshot().counts().grants();
    }

    /** As in EngineSteadyStateTest: work offered, a core granted, the kthread runs and parks. */
    private void cycles(int count) {
        for (int i = 0; i < count; i++) {
            machine.offer(web, 0);
            machine.step(POLL);
            KThreadEntry running = machine.run(web);
            web.runtime.queue(0).poll();
            web.runtime.queue(1).poll();
            machine.step(POLL);
            machine.park(running);
            machine.step(POLL);
        }
    }
}
