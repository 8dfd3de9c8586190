package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.List;

import org.junit.jupiter.api.Test;

class ShutdownQuietLoggerTest {

    private final RecordingLogger recorded = new RecordingLogger();
    private final ShutdownQuietLogger logger = new ShutdownQuietLogger(recorded);

    @Test
    void passesEverythingUntilQuietThenOnlyWarningsAndErrors() {
        logger.log(Level.INFO, "policy 'lottery' went away");
        logger.quiet();
        logger.log(Level.INFO, "policy 'simple' went away");
        logger.log(Level.WARNING, "ejected thread-pick policy 'faulty'");
        logger.log(Level.ERROR, "cannot stop", new IllegalStateException("x"));

        assertEquals(List.of("policy 'lottery' went away", "ejected thread-pick policy 'faulty'", "cannot stop"),
                recorded.entries.stream().map(RecordingLogger.Entry::message).toList());
        assertFalse(logger.isLoggable(Level.INFO));
        assertTrue(logger.isLoggable(Level.WARNING));
    }
}
