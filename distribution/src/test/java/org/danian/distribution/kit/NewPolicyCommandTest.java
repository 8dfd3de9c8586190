package org.danian.distribution.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code new-policy}'s arguments and files (its build: {@link PolicyKitIT}). */
class NewPolicyCommandTest {

    @TempDir
    Path work;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return NewPolicyCommand.run(List.of(args), new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void writesAProjectWhoseEveryPlaceholderIsFilled() throws Exception {
        Path dir = work.resolve("fair-share");
        assertEquals(0, run("fair-share", "--dir", dir.toString()));
        String pom = Files.readString(dir.resolve("pom.xml"));
        assertTrue(pom.contains("<artifactId>policy-fair-share</artifactId>"), pom);
        assertTrue(pom.contains("<artifactId>maven-surefire-plugin</artifactId><version>3.5.4</version>"), pom);
        assertTrue(pom.contains("<goals><goal>jar</goal></goals>"), "bnd builds the jar");
        assertFalse(pom.contains("${project.version}") || pom.contains("@danian"), pom);
        Path source = dir.resolve("src/main/java/org/example/danian/fairshare/FairSharePickPolicy.java");
        assertTrue(Files.readString(source).contains("public static final String NAME = \"fair-share\";"));
        assertTrue(Files.exists(dir.resolve(
                "src/test/java/org/example/danian/fairshare/FairSharePickPolicyContractTest.java")));
        assertTrue(Files.readString(dir.resolve("bnd.bnd")).contains("Bundle-SymbolicName: org.example.danian.policy-fair-share"));
    }

    @Test
    void badNamesAndNonEmptyFoldersWriteNothing() throws Exception {
        assertEquals(NewPolicyCommand.EXIT_BAD_ARGUMENTS, run("Bad_Name"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'Bad_Name'"), err.toString(StandardCharsets.UTF_8));
        assertEquals(NewPolicyCommand.EXIT_BAD_ARGUMENTS, run("ok", "--package", "Not.Java"));
        Files.writeString(work.resolve("keep.txt"), "mine");
        assertEquals(NewPolicyCommand.EXIT_BAD_ARGUMENTS, run("mru", "--dir", work.toString()));
        assertFalse(Files.exists(work.resolve("pom.xml")));
    }

    @Test
    void namesBecomeJavaNames() {
        assertEquals("MruPickPolicy", NewPolicyCommand.className("mru"));
        assertEquals("P2levelPickPolicy", NewPolicyCommand.className("2level"));
        assertEquals("org.example.danian.p2level", NewPolicyCommand.parse(List.of("2level")).get("--package"));
        assertThrows(IllegalStateException.class, () -> NewPolicyCommand.fill("@missing@", Map.of()));
    }
}
