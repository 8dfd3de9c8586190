package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner's smaller parts: interleaving, failure causes, styles, and the run's record. */
class RunnerPiecesTest {

    @Test
    void eachRepeatStartsWithTheNextPolicy() {
        List<String> policies = List.of("caladan", "danian", "mru");
        assertEquals(policies, Experiment.rotated(policies, 0));
        assertEquals(List.of("danian", "mru", "caladan"), Experiment.rotated(policies, 1));
        assertEquals(List.of("mru", "caladan", "danian"), Experiment.rotated(policies, 2));
        assertEquals(policies, Experiment.rotated(policies, 3));
    }

    @Test
    void aFailedClientIsExplainedByItsRootCauseNotItsLastStackFrame() {
        List<String> trace = List.of("sending at 20000 rps",
                "Exception in thread \"main\" java.io.UncheckedIOException: client stopped",
                "\tat org.danian.workloads.client.SyntheticClient.run(SyntheticClient.java:80)",
                "Caused by: java.net.PortUnreachableException: ICMP Port Unreachable",
                "\tat java.base/sun.nio.ch.DatagramChannelImpl.receive0(Native Method)",
                "\t... 3 more");
        assertEquals("java.net.PortUnreachableException: ICMP Port Unreachable", ClientRun.rootCause(trace));
        assertEquals("java.lang.OutOfMemoryError: Java heap space", ClientRun.rootCause(List.of("started",
                "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space", "\tat a.B.c(B.java:1)")));
        assertEquals("Missing required option: '--server'", ClientRun.rootCause(List.of("Missing required option:"
                + " '--server'", "")));
        assertEquals("(no output)", ClientRun.rootCause(List.of()));
    }

    @Test
    void everyPolicyKeepsOneStyleAndSevenPoliciesLookApart() {
        List<String> seven = List.of("baseline", "caladan", "danian", "danian-exact", "lottery", "mru", "fifo");
        PolicyStyles all = PolicyStyles.of(seven);
        PolicyStyles some = PolicyStyles.of(List.of("mru", "caladan"));
        assertEquals(all.colour("caladan"), some.colour("caladan"), "a shipped policy has a fixed colour");
        Set<String> looks = new HashSet<>();
        for (String policy : seven) {
            looks.add(all.colour(policy) + "/" + all.marker(policy).getClass().getSimpleName());
        }
        assertEquals(seven.size(), looks.size(), "colour and marker tell them apart: " + looks);
        assertNotEquals(all.colour("caladan"), all.colour("mru"));
        assertThrows(IllegalArgumentException.class, () -> some.colour("danian-new"));
    }

    @Test
    void theRunRecordsEachBundlesNameVersionAndHash(@TempDir Path home) throws IOException {
        Path bundles = Files.createDirectories(home.resolve("bundle"));
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Bundle-SymbolicName", "org.example.mru;singleton:=true");
        manifest.getMainAttributes().putValue("Bundle-Version", "1.2.3");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(bundles.resolve("mru.jar")), manifest)) {
            jar.flush();
        }
        List<String> lines = RunInfo.bundles(bundles);
        assertEquals(1, lines.size());
        assertEquals("mru.jar: org.example.mru 1.2.3 sha256:" + RunInfo.sha256(bundles.resolve("mru.jar")),
                lines.get(0));
        assertTrue(lines.get(0).matches(".*sha256:[0-9a-f]{64}"), lines.get(0));
        List<String> info = new RunInfo(home, "0.50 0.40 0.30 1/100 42").lines();
        assertTrue(info.contains("bundle: bundle/" + lines.get(0)), info.toString());
        assertTrue(info.contains("load average before: 0.50 0.40 0.30 1/100 42"), info.toString());
    }
}
