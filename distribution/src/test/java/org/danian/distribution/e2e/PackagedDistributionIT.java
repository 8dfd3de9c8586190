package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.danian.distribution.testpolicy.FifoPickPolicy;
import org.danian.distribution.testpolicy.PolicyBundleJar;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged distribution as a user runs it: unpack the tar.gz, run {@code bin/danian} from
 * another directory, one-shot commands and a running instance with hot deploy.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PackagedDistributionIT {

    private static final Duration HOT_DEPLOY_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path unpackedInto;
    @TempDir
    static Path elsewhere;
    static Path launcher;

    @BeforeAll
    static void unpackTarball() throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("danian.distribution.tarball"));
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", unpackedInto.toString())
                .inheritIO().start();
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS), "tar did not finish");
        assertEquals(0, tar.exitValue(), "tar failed on " + tarball);
        List<Path> roots;
        try (Stream<Path> children = Files.list(unpackedInto)) {
            roots = children.collect(Collectors.toList());
        }
        assertEquals(1, roots.size(), "one top folder in the tarball: " + roots);
        launcher = roots.get(0).resolve("bin").resolve("danian");
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        assertTrue(Files.isDirectory(roots.get(0).resolve("load")), "no load/ folder");
    }

    /** Matches a policy name as a whole word: "danian" must not match "danian-exact". */
    private static Pattern word(String name) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])");
    }

    @Test
    void policiesListsTheShippedPoliciesFromAnyDirectory() throws Exception {
        DanianProcess.Result result = DanianProcess.runOnce(launcher, elsewhere, "policies");

        assertEquals(0, result.exitCode(), result::toString);
        for (String policy : List.of("caladan", "danian", "danian-exact")) {
            assertTrue(word(policy).matcher(result.stdout()).find(), () -> "no " + policy + " in " + result);
        }
    }

    @Test
    void policyChoiceIsPersistedAcrossRuns() throws Exception {
        DanianProcess.Result before = DanianProcess.runOnce(launcher, elsewhere, "policy");
        assertEquals(0, before.exitCode(), before::toString);
        assertFalse(word("danian").matcher(before.stdout()).find(), () -> "danian already active: " + before);

        DanianProcess.Result swap = DanianProcess.runOnce(launcher, elsewhere, "policy", "danian");
        assertEquals(0, swap.exitCode(), swap::toString);

        DanianProcess.Result after = DanianProcess.runOnce(launcher, elsewhere, "policy");
        assertEquals(0, after.exitCode(), after::toString);
        assertTrue(word("danian").matcher(after.stdout()).find(), () -> "danian not active after the swap: " + after);
    }

    @Test
    void unknownPolicyFailsAndListsTheValidNames() throws Exception {
        DanianProcess.Result result = DanianProcess.runOnce(launcher, elsewhere, "policy", "nosuch");

        assertNotEquals(0, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("nosuch"), result::toString);
        assertTrue(word("caladan").matcher(result.stderr()).find(), () -> "valid names not listed: " + result);
    }

    @Test
    void unknownCommandFailsAndListsTheCommands() throws Exception {
        DanianProcess.Result result = DanianProcess.runOnce(launcher, elsewhere, "nosuchcommand");

        assertEquals(2, result.exitCode(), result::toString);
        assertTrue(result.stderr().contains("unknown command 'nosuchcommand'"), result::toString);
        assertTrue(result.stderr().contains("policies"), result::toString);
    }

    @Test
    void policyCopiedIntoLoadOfARunningInstanceShowsUpThereAndInOneShotsBesideIt() throws Exception {
        Path load = launcher.getParent().resolveSibling("load");
        try (InteractiveInstance instance = InteractiveInstance.start(launcher, elsewhere)) {
            assertTrue(instance.awaitOutput("caladan", "danian:policies", HOT_DEPLOY_TIMEOUT),
                    () -> "the instance did not list its policies:\n" + instance.output());
            assertFalse(instance.output().contains(FifoPickPolicy.NAME), instance::output);

            // Written aside and moved in, so FileInstall never sees a half-written jar.
            Path staged = Files.write(elsewhere.resolve("fifo-policy.jar"), PolicyBundleJar.fifoPolicyBundle());
            Files.move(staged, load.resolve("fifo-policy.jar"));

            assertTrue(instance.awaitOutput(FifoPickPolicy.NAME, "danian:policies", HOT_DEPLOY_TIMEOUT),
                    () -> "the hot-deployed policy did not show up:\n" + instance.output());

            // A one-shot run beside the running instance: its own framework storage, the same
            // load/ folder, so it sees the hot-deployed policy too.
            DanianProcess.Result beside = DanianProcess.runOnce(launcher, elsewhere, "policies");
            assertEquals(0, beside.exitCode(), beside::toString);
            assertTrue(beside.stdout().contains(FifoPickPolicy.NAME), beside::toString);
        } finally {
            Files.deleteIfExists(load.resolve("fifo-policy.jar"));
        }
    }
}
