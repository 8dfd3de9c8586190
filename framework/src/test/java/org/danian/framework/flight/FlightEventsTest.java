package org.danian.framework.flight;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.danian.kernel.PolicyEvent;
import org.danian.kernel.PolicyKind;
import org.danian.kernel.SwapResult;
import org.junit.jupiter.api.Test;

/** The swap and ejection events reach a Flight Recorder recording with their fields, and nothing is recorded without one. */
class FlightEventsTest {

    @Test
    void aRecordingGetsTheSwapAndTheEjectionWithTheirFields() throws Exception {
        Path file = Files.createTempFile("danian", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("org.danian.PolicySwap");
            recording.enable("org.danian.PolicyEjection");
            recording.start();
            PolicySwapEvent.commit(new SwapResult(PolicyKind.THREAD_PICK, SwapResult.Outcome.SWAPPED, "caladan",
                    "lottery", null, 1234));
            PolicyEjectionEvent.commit(new PolicyEvent(7, PolicyKind.CORE_ALLOCATION, PolicyEvent.Type.EJECTED,
                    "bad", "poll threw", "simple"));
            recording.stop();
            recording.dump(file);
        }
        List<RecordedEvent> events = RecordingFile.readAllEvents(file);
        Files.delete(file);

        RecordedEvent swap = only(events, "org.danian.PolicySwap");
        assertEquals("thread-pick", swap.getString("kind"));
        assertEquals("caladan", swap.getString("previous"));
        assertEquals("lottery", swap.getString("requested"));
        assertEquals("SWAPPED", swap.getString("outcome"));
        assertEquals(1234, swap.getDuration("pauseNanos").toNanos());
        RecordedEvent ejection = only(events, "org.danian.PolicyEjection");
        assertEquals(7, ejection.getLong("sequence"));
        assertEquals("bad", ejection.getString("policy"));
        assertEquals("poll threw", ejection.getString("reason"));
        assertEquals("simple", ejection.getString("fallback"));
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name) {
        List<RecordedEvent> named = events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
        assertEquals(1, named.size(), name + " in " + events);
        return named.get(0);
    }
}
