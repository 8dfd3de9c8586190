package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongUnaryOperator;

import org.junit.jupiter.api.Test;

/**
 * The scheduler thread asks for precise timers only while it polls a driver that cannot block,
 * restores the default when a blocking driver is bound, and makes the system call only when
 * that choice changes.
 */
class ParkPrecisionTest {

    private final List<Long> asked = new ArrayList<>();
    private final LongUnaryOperator recording = nanos -> {
        asked.add(nanos);
        return nanos == 0 ? 50_000 : nanos;
    };

    @Test
    void preciseOnlyWhilePollingADriverThatCannotBlockAndOneCallPerChange() {
        RecordingLogger logger = new RecordingLogger();
        ParkPrecision parks = new ParkPrecision(recording, logger);
        parks.match(false);
        parks.match(false);
        parks.match(false);
        assertEquals(List.of(ParkPrecision.POLLING_SLACK_NANOS), asked, "one call while it stays a busy-polled ring");
        assertEquals(1, parks.precise());
        parks.match(true);
        parks.match(true);
        assertEquals(List.of(ParkPrecision.POLLING_SLACK_NANOS, 0L), asked, "the default back for a blocking driver");
        assertEquals(0, parks.precise());
        assertEquals(0, logger.entries.size(), "nothing to warn of when the slack was set");
    }
}
