package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.danian.framework.engine.Kernel;
import org.danian.framework.settings.EjectionRecord;
import org.danian.kernel.KernelAdmin;
import org.danian.kernel.KernelStatus;
import org.danian.kernel.MetricsSnapshot;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyInfo;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An ejection reported by the kernel is written into the configuration: the policy that took
 * over becomes the choice, the ejected one and the reason are recorded, each event once, and
 * the record reads back as a start warning.
 */
class EjectionRecorderTest {

    private final Kernel kernel = InMemorySettingsStore.startedKernel();
    private final List<PolicyEvent> extraEvents = new ArrayList<>();
    private final InMemorySettingsStore store = new InMemorySettingsStore();
    private final Map<String, Object> configured = store.values;
    private final EjectionRecorder recorder = new EjectionRecorder(new EventsAdded(), store);

    @AfterEach
    void stop() {
        kernel.stop();
    }

    @Test
    void anEjectionIsRecordedOnceWithTheFallbackAsTheChoice() throws Exception {
        configured.put("threadPick", "faulty");
        extraEvents.add(new PolicyEvent(1000, PolicyKind.THREAD_PICK, PolicyEvent.Type.SWAP_FAILED, "other",
                "no", "danian-exact"));
        extraEvents.add(new PolicyEvent(1001, PolicyKind.THREAD_PICK, PolicyEvent.Type.EJECTED, "faulty",
                "pick(1) threw", "caladan"));

        assertEquals(1, recorder.recordNewEjections());
        assertEquals(0, recorder.recordNewEjections(), "an event is recorded once");

        assertEquals("caladan", configured.get("threadPick"));
        assertEquals("faulty", configured.get("threadPickEjected"));
        assertEquals("pick(1) threw", configured.get("threadPickEjectedReason"));
        List<String> warnings = EjectionRecord.warnings(configured);
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains("faulty") && warnings.get(0).contains("pick(1) threw"), warnings.get(0));
        assertFalse(configured.containsKey("coreAllocationEjected"));
    }

    /** The kernel's own answers, with the test's events appended to its events. */
    private final class EventsAdded implements KernelAdmin {
        @Override
        public List<PolicyInfo> policies() {
            return kernel.policies();
        }

        @Override
        public SwapResult swap(PolicyKind kind, String name) {
            return kernel.swap(kind, name);
        }

        /** The recorder reads the events alone: a status would parse the driver's socket table. */
        @Override
        public KernelStatus status() {
            throw new AssertionError("the recorder asked for the whole status");
        }

        @Override
        public List<PolicyEvent> events() {
            List<PolicyEvent> events = new ArrayList<>(kernel.events());
            events.addAll(extraEvents);
            return events;
        }

        @Override
        public MetricsSnapshot metrics() {
            return kernel.metrics();
        }
    }
}
