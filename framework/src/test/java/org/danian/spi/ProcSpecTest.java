package org.danian.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProcSpecTest {

    @Test
    void defaultsFollowCaladan() {
        ProcSpec spec = ProcSpec.latencyCritical("web", 4);
        assertEquals(10_000, spec.delayThresholdNanos());
        assertEquals(4, spec.maxCores());
        assertEquals(0, spec.guaranteedCores());
    }

    @Test
    void badValuesAreNamed() {
        assertMessage("kthreads must be at least 1: 0",
                () -> new ProcSpec("a", 0, Priority.BEST_EFFORT, 0, 1, 0, 1));
        assertMessage("maxCores must be in [1, kthreads=2]: 3",
                () -> new ProcSpec("a", 2, Priority.BEST_EFFORT, 0, 3, 0, 1));
        assertMessage("guaranteedCores must be in [0, maxCores=2]: 5",
                () -> new ProcSpec("a", 2, Priority.BEST_EFFORT, 5, 2, 0, 1));
        assertMessage("delayThresholdNanos must not be negative: -1",
                () -> new ProcSpec("a", 2, Priority.BEST_EFFORT, 0, 2, -1, 1));
        assertMessage("proc name is blank: ' '",
                () -> new ProcSpec(" ", 2, Priority.BEST_EFFORT, 0, 2, 0, 1));
    }

    private static void assertMessage(String expected, Runnable constructor) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, constructor::run);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
