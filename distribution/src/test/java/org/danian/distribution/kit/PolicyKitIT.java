package org.danian.distribution.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy kit end to end: {@code new-policy} writes a project outside the Danian tree, and
 * Maven builds it as a policy author would, {@code mvn -B verify}: the contract suite runs (and
 * finds tests) and the jar is an OSGi bundle with a DS component. The build reads this build's
 * framework jar and test-jar from a throw-away local repository, as {@code ./mvnw install -pl
 * framework -am} would have placed them, and every plugin from the shared local repository
 * through a {@code file:} mirror, so it works offline and writes nothing outside the test's
 * folder. Then the packaged {@code bin/danian contract} runs the contract suite on the bundle.
 */
class PolicyKitIT {

    private static final long BUILD_TIMEOUT_MINUTES = 10;

    @TempDir
    Path work;

    @Test
    void aGeneratedPolicyBuildsIntoABundleThatPassesTheContractSuite() throws Exception {
        Path project = work.resolve("mru");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = NewPolicyCommand.run(List.of("mru", "--dir", project.toString(), "--group-id", "org.example"),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status, out.toString(StandardCharsets.UTF_8));

        Path repository = localRepository(danianVersion());
        Path settings = work.resolve("settings.xml");
        Files.writeString(settings, "<settings><mirrors><mirror><id>shared-local</id><mirrorOf>*</mirrorOf><url>"
                + Path.of(System.getProperty("danian.shared.repository")).toUri() + "</url></mirror></mirrors></settings>");
        Path log = work.resolve("build.log");
        Process build = new ProcessBuilder(System.getProperty("danian.mvnw"), "-B", "verify", "-f",
                project.resolve("pom.xml").toString(), "-s", settings.toString(), "-Dmaven.repo.local=" + repository)
                .directory(Path.of(System.getProperty("danian.mvnw")).getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!build.waitFor(BUILD_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            build.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertEquals(0, build.exitValue(), output);

        Matcher tests = Pattern.compile("Tests run: (\\d+), Failures: 0, Errors: 0, Skipped: 0\\s*$",
                Pattern.MULTILINE).matcher(output);
        assertTrue(tests.find() && Integer.parseInt(tests.group(1)) >= 20,
                "the contract suite ran its checks (Maven 3.8 without the surefire pin runs none): " + output);
        Path jar = project.resolve("target").resolve("policy-mru-0.1.0-SNAPSHOT.jar");
        try (JarFile bundle = new JarFile(jar.toFile())) {
            Attributes manifest = bundle.getManifest().getMainAttributes();
            assertEquals("org.example.policy-mru", manifest.getValue("Bundle-SymbolicName"));
            String component = manifest.getValue("Service-Component");
            assertNotNull(component, "a DS component, or load/ would find no policy in it");
            assertNotNull(bundle.getEntry(component), component);
            assertTrue(manifest.getValue("Import-Package").contains("org.danian.spi.pick"),
                    manifest.getValue("Import-Package"));
        }
        contractCommandPasses(jar);
        benchPickPrintsATableWithTheBundleBesideTheShippedPolicies(jar);
    }

    /**
     * {@code bin/danian bench-pick} on the bundle, one short in-process JMH iteration per cell
     * (the numbers are not checked: speed is for benchmarks, not tests), and without a benchmarks jar.
     */
    private void benchPickPrintsATableWithTheBundleBesideTheShippedPolicies(Path jar) throws Exception {
        Path launcher = Path.of(System.getProperty("danian.distribution.tree"), "bin", "danian");
        Path answer = work.resolve("bench.out");
        ProcessBuilder bench = new ProcessBuilder(launcher.toString(), "bench-pick", jar.toString(), "-f", "0",
                "-wi", "0", "-i", "1", "-r", "100ms", "-p", "idle=1", "-p", "scenario=hit")
                .redirectErrorStream(true).redirectOutput(answer.toFile());
        bench.environment().put("DANIAN_BENCHMARKS_JAR", System.getProperty("danian.benchmarks.jar"));
        Process run = bench.start();
        assertTrue(run.waitFor(5, TimeUnit.MINUTES), "bench-pick finished");
        String output = Files.readString(answer);
        assertEquals(0, run.exitValue(), output);
        assertTrue(output.contains("| policy | idle=1 |"), output);
        for (String policy : List.of("caladan", "danian", "danian-exact", "lottery", "mru")) {
            assertTrue(output.contains("| " + policy + " | "), policy + " in\n" + output);
        }
        ProcessBuilder without = new ProcessBuilder(launcher.toString(), "bench-pick", jar.toString())
                .redirectErrorStream(true);
        without.environment().put("DANIAN_BENCHMARKS_JAR", work.resolve("none.jar").toString());
        Process missing = without.start();
        String why = new String(missing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(missing.waitFor(1, TimeUnit.MINUTES));
        assertEquals(2, missing.exitValue(), why);
        assertTrue(why.contains("no benchmarks jar at"), why);
    }

    /** {@code bin/danian contract} of the packaged distribution, on the bundle just built. */
    private void contractCommandPasses(Path jar) throws Exception {
        Path launcher = Path.of(System.getProperty("danian.distribution.tree"), "bin", "danian");
        Path answer = work.resolve("contract.out");
        Process contract = new ProcessBuilder(launcher.toString(), "contract", jar.toString())
                .redirectErrorStream(true).redirectOutput(answer.toFile()).start();
        assertTrue(contract.waitFor(2, TimeUnit.MINUTES), "contract suite finished");
        List<String> lines = Files.readAllLines(answer);
        assertEquals(0, contract.exitValue(), String.join("\n", lines));
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.startsWith("{\"policy\":\"mru\",\"checks\":") && summary.endsWith(",\"failed\":0}"),
                summary);
        assertTrue(lines.stream().filter(line -> line.contains("\"result\":\"SUCCESSFUL\"")).count() >= 20,
                String.join("\n", lines));
        Process notABundle = new ProcessBuilder(launcher.toString(), "contract",
                jar.getParent().getParent().resolve("pom.xml").toString()).redirectErrorStream(true).start();
        notABundle.getInputStream().readAllBytes();
        assertTrue(notABundle.waitFor(2, TimeUnit.MINUTES));
        assertEquals(2, notABundle.exitValue(), "a jar without a policy is a bad argument");
    }

    private static String danianVersion() throws IOException {
        Properties kit = new Properties();
        try (InputStream in = NewPolicyCommand.class.getResourceAsStream("kit.properties")) {
            kit.load(in);
        }
        return kit.getProperty("danian.version");
    }

    /** The framework's jars and poms of this build, laid out as a local install would. */
    private Path localRepository(String version) throws IOException {
        Path repository = work.resolve("repository");
        Path framework = Files.createDirectories(repository.resolve("org/danian/framework").resolve(version));
        Path target = Path.of(System.getProperty("danian.framework.target"));
        Files.copy(target.resolve("framework-" + version + ".jar"), framework.resolve("framework-" + version + ".jar"));
        Files.copy(target.resolve("framework-" + version + "-tests.jar"),
                framework.resolve("framework-" + version + "-tests.jar"));
        Files.copy(target.getParent().resolve("pom.xml"), framework.resolve("framework-" + version + ".pom"));
        Path parent = Files.createDirectories(repository.resolve("org/danian/danian-parent").resolve(version));
        Files.copy(Path.of(System.getProperty("danian.parent.pom")), parent.resolve("danian-parent-" + version + ".pom"));
        try (Stream<Path> files = Files.walk(repository)) {
            assertEquals(4, files.filter(Files::isRegularFile).count(), "two jars, two poms");
        }
        return repository;
    }
}
