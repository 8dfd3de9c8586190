package org.danian.workloads.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.danian.spi.ProcSpec;
import org.junit.jupiter.api.Test;

/** The servers' proc configuration: per-kthread tickets, and bad values named. */
class ProcSettingsTest {

    @Test
    void kthreadTicketsReachTheSpecAndItsKThreads() {
        ProcSpec spec = ProcSettings.spec("web", 4, "latency-critical", 0, 0, 10, 1, 2)
                .withKThreadTickets(ProcSettings.tickets(" 4, 1,1 ,1 "));
        assertEquals(List.of(4, 1, 1, 1), spec.kthreadTickets());
        assertEquals(4, spec.kthreadTickets(0));
        assertEquals(List.of(), ProcSettings.tickets(""), "empty: one ticket each");
        assertEquals(1, ProcSettings.spec("web", 2, "latency-critical", 0, 0, 10, 1, 2).kthreadTickets(1));
        assertEquals(3, ProcSettings.spec("web", 2, "latency-critical", 0, 0, 10, 3, 2).tickets(), "the proc's own");
    }

    @Test
    void badTicketsAreRefusedNamingTheValue() {
        IllegalArgumentException notANumber = assertThrows(IllegalArgumentException.class,
                () -> ProcSettings.tickets("4,many"));
        assertTrue(notANumber.getMessage().contains("kthreadTickets") && notANumber.getMessage().contains("4,many"),
                notANumber.getMessage());
        ProcSpec spec = ProcSettings.spec("web", 4, "latency-critical", 0, 0, 10, 1, 2);
        IllegalArgumentException wrongCount = assertThrows(IllegalArgumentException.class,
                () -> spec.withKThreadTickets(List.of(1, 2)));
        assertTrue(wrongCount.getMessage().contains("kthreadTickets") && wrongCount.getMessage().contains("[1, 2]"),
                wrongCount.getMessage());
        IllegalArgumentException noTickets = assertThrows(IllegalArgumentException.class,
                () -> ProcSettings.spec("web", 2, "latency-critical", 0, 0, 10, 0, 2));
        assertEquals("invalid tickets: 0", noTickets.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> spec.withKThreadTickets(List.of(1, 0, 1, 1)));
        assertTrue(zero.getMessage().contains("at least 1"), zero.getMessage());
    }
}
