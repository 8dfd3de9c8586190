package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad options end with status 2 and a message naming the bad value, before anything runs. */
class ExperimentRunnerOptionsTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void unknownWorkload() {
        assertEquals(2, run("--workload", "memcached", "--policies", "baseline"));
        assertTrue(error().contains("Invalid value for option '--workload': 'memcached'"), error());
        assertTrue(error().contains("expected one of synthetic, netperf"), error());
    }

    @Test
    void malformedPolicyName() {
        assertEquals(2, run("--policies", "caladan,Fifo!"));
        assertTrue(error().contains("Invalid value for option '--policies': 'Fifo!'"), error());
        assertTrue(error().contains("caladan, danian, danian-exact, lottery, baseline"), error());
    }

    @Test
    void repeatMustBeAtLeastOne() {
        assertEquals(2, run("--policies", "baseline", "--repeat", "0", "--out", folder.toString()));
        assertTrue(error().contains("'--repeat'") && error().contains("0"), error());
    }

    @Test
    void emptyPolicyInTheList() {
        assertEquals(2, run("--policies", "baseline,"));
        assertTrue(error().contains("Invalid value for option '--policies': ''"), error());
    }

    @Test
    void danianPoliciesWithoutADistribution() {
        Assumptions.assumeTrue(System.getenv("DANIAN_HOME") == null && System.getProperty("danian.home") == null,
                "a Danian home is configured on this machine");
        assertEquals(2, run("--policies", "danian,baseline", "--out", folder.toString()));
        assertTrue(error().contains("Missing option '--danian-home'"), error());
        assertTrue(error().contains("[danian]"), error());
    }

    @Test
    void danianHomeWithoutLauncher() {
        assertEquals(2, run("--policies", "caladan", "--danian-home", folder.toString()));
        assertTrue(error().contains("Invalid value for option '--danian-home': '" + folder), error());
        assertTrue(error().contains("no executable bin/danian"), error());
    }

    @Test
    void outIsAFile() throws IOException {
        Path file = Files.writeString(folder.resolve("taken"), "x");
        assertEquals(2, run("--policies", "baseline", "--out", file.toString()));
        assertTrue(error().contains("Invalid value for option '--out': '" + file + "'"), error());
    }

    @Test
    void unknownOption() {
        assertEquals(2, run("--policy", "baseline"));
        assertTrue(error().contains("--policy"), error());
    }

    private int run(String... args) {
        return ExperimentRunner.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), JavaLauncher.current(), Sweep.quick(), args);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
