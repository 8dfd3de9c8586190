package org.danian.framework.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import com.google.gson.Gson;
import org.danian.framework.alloc.SimpleAllocationPolicy;
import org.danian.framework.engine.LruTestPolicy;
import org.danian.framework.sim.SimulateAnswer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code danian:simulate} on the policy services bound to it: the JSON answer is a
 * {@link SimulateAnswer} with one point per policy × load, and the CSVs are where it says; a
 * policy that is not installed is refused with the installed names.
 */
class SimulateCommandTest {

    @Test
    void answersJsonAndWritesTheCsvs(@TempDir Path out) {
        SimulateCommand command = new SimulateCommand();
        command.bindThreadPickPolicy(new LruTestPolicy("lru"));
        command.bindCoreAllocationPolicy(new SimpleAllocationPolicy());
        String json = command.simulate("--policies", "lru", "--cores", "16", "--load", "0.3,0.6", "--requests", "5000",
                "--out", out.toString(), "--json");
        SimulateAnswer answer = new Gson().fromJson(json, SimulateAnswer.class);
        assertEquals(2, answer.points().size());
        assertEquals("lru", answer.points().get(0).policy());
        assertEquals(0.6, answer.points().get(1).load());
        assertTrue(answer.points().get(1).p99Micros() >= answer.points().get(1).p50Micros());
        assertTrue(Files.exists(out.resolve("latency.csv")) && Files.exists(out.resolve("calibration.csv")));
        assertEquals(out.resolve("calibration.csv").toAbsolutePath().toString(), answer.calibration());
    }

    @Test
    void refusesAPolicyThatIsNotInstalled(@TempDir Path out) {
        SimulateCommand command = new SimulateCommand();
        command.bindThreadPickPolicy(new LruTestPolicy("lru"));
        command.bindCoreAllocationPolicy(new SimpleAllocationPolicy());
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> command.simulate("--policies", "nope", "--out", out.toString()));
        assertTrue(refused.getMessage().contains("'nope'") && refused.getMessage().contains("lru"), refused.getMessage());
    }
}
