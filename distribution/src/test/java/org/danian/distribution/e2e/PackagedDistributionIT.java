package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import aQute.bnd.header.Parameters;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.danian.distribution.testpolicy.FifoPickPolicy;
import org.danian.distribution.testpolicy.OldSpiPolicyJar;
import org.danian.distribution.testpolicy.PolicyBundleJar;
import org.danian.kernel.PolicySlotStatus;
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
        Path root = UnpackedDistribution.into(unpackedInto);
        launcher = root.resolve("bin").resolve("danian");
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        assertTrue(Files.isDirectory(root.resolve("load")), "no load/ folder");
    }

    /** Matches a policy name as a whole word: "danian" must not match "danian-exact". */
    private static Pattern word(String name) {
        return Pattern.compile("(?<![\\w-])" + Pattern.quote(name) + "(?![\\w-])");
    }

    @Test
    void policiesListsTheShippedPoliciesFromAnyDirectory() throws Exception {
        DanianProcess.Result result = DanianProcess.runOnce(launcher, elsewhere, "policies", "--json");

        assertEquals(0, result.exitCode(), result::toString);
        PolicyListing listing = PolicyListing.parse(result.stdout());
        for (String policy : List.of("caladan", "danian", "danian-exact")) {
            assertTrue(listing.threadPick(policy).isPresent(), () -> "no " + policy + " in " + result);
        }
    }

    @Test
    void policyChoiceIsPersistedAcrossRuns() throws Exception {
        DanianProcess.Result before = DanianProcess.runOnce(launcher, elsewhere, "policy", "--json");
        assertEquals(0, before.exitCode(), before::toString);
        assertNotEquals("danian", ShellJson.read(before.stdout(), PolicySlotStatus.class).active(), before::toString);

        DanianProcess.Result swap = DanianProcess.runOnce(launcher, elsewhere, "policy", "danian");
        assertEquals(0, swap.exitCode(), swap::toString);

        DanianProcess.Result after = DanianProcess.runOnce(launcher, elsewhere, "policy", "--json");
        assertEquals(0, after.exitCode(), after::toString);
        PolicySlotStatus slot = ShellJson.read(after.stdout(), PolicySlotStatus.class);
        assertEquals("danian", slot.active(), after::toString);
        assertEquals("danian", slot.configured(), "the choice was saved: " + after);
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

    /**
     * Two policy jars dropped into {@code load/} of a running instance: the test policy compiled
     * with the tests, and one built against the previous release's SPI as a third party builds
     * it ({@link OldSpiPolicyJar}). A jar built against an older SPI that the running framework
     * still admits must deploy and swap in.
     */
    @Test
    void policiesCopiedIntoLoadOfARunningInstanceDeploySwapInAndShowUpInOneShotsBesideIt() throws Exception {
        Path oldSpiJar = OldSpiPolicyJar.build(systemPath("danian.previous.spi"), systemPath("danian.osgi.core"),
                elsewhere.resolve("old-spi-build"));
        assertImportsAdmitEveryMinorOfSpi1(oldSpiJar);
        Path load = launcher.getParent().resolveSibling("load");
        try (InteractiveInstance instance = InteractiveInstance.start(launcher, elsewhere)) {
            PolicyListing shipped = awaitListed(instance, "caladan");
            assertTrue(shipped.threadPick(FifoPickPolicy.NAME).isEmpty(), shipped::toString);
            assertTrue(shipped.threadPick(OldSpiPolicyJar.POLICY_NAME).isEmpty(), shipped::toString);

            hotDeploy(PolicyBundleJar.fifoPolicyBundle(), load.resolve("fifo-policy.jar"));
            hotDeploy(Files.readAllBytes(oldSpiJar), load.resolve("old-spi-policy.jar"));
            awaitListed(instance, FifoPickPolicy.NAME);
            PolicyListing deployed = awaitListed(instance, OldSpiPolicyJar.POLICY_NAME);
            assertEquals(OldSpiPolicyJar.SYMBOLIC_NAME,
                    deployed.threadPick(OldSpiPolicyJar.POLICY_NAME).orElseThrow().bundleSymbolicName(),
                    deployed::toString);

            String before = deployed.activeThreadPick()
                    .orElseThrow(() -> new AssertionError("no thread-pick policy active: " + deployed));
            String swap = instance.command("danian:policy " + OldSpiPolicyJar.POLICY_NAME);
            PolicyListing swapped = PolicyListing.parse(instance.command("danian:policies --json"));
            assertEquals(Optional.of(OldSpiPolicyJar.POLICY_NAME), swapped.activeThreadPick(),
                    () -> "swap answered:\n" + swap + "\nthen listed " + swapped);

            // A one-shot run beside the running instance: its own framework storage, the same
            // load/ folder, so it sees the hot-deployed policies too.
            DanianProcess.Result beside = DanianProcess.runOnce(launcher, elsewhere, "policies", "--json");
            assertEquals(0, beside.exitCode(), beside::toString);
            PolicyListing besideListing = PolicyListing.parse(beside.stdout());
            assertTrue(besideListing.threadPick(FifoPickPolicy.NAME).isPresent(), beside::toString);
            assertTrue(besideListing.threadPick(OldSpiPolicyJar.POLICY_NAME).isPresent(), beside::toString);

            // The swap saved the choice in the kernel's configuration: put the earlier one back.
            instance.command("danian:policy " + before);
        } finally {
            Files.deleteIfExists(load.resolve("fifo-policy.jar"));
            Files.deleteIfExists(load.resolve("old-spi-policy.jar"));
        }
    }

    /** Written aside and moved in, so FileInstall never sees a half-written jar. */
    private static void hotDeploy(byte[] jar, Path target) throws IOException {
        Path staged = Files.write(elsewhere.resolve(target.getFileName()), jar);
        Files.move(staged, target);
    }

    /**
     * Sends {@code danian:policies --json} every second until the thread-pick policy {@code name} is
     * listed; returns that listing.
     */
    private static PolicyListing awaitListed(InteractiveInstance instance, String name)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + HOT_DEPLOY_TIMEOUT.toNanos();
        while (true) {
            PolicyListing listing = PolicyListing.parse(instance.command("danian:policies --json"));
            if (listing.threadPick(name).isPresent()) {
                return listing;
            }
            assertTrue(System.nanoTime() < deadline,
                    () -> name + " was not listed within " + HOT_DEPLOY_TIMEOUT + ":\n" + instance.output());
            Thread.sleep(1000);
        }
    }

    /**
     * bnd derived the SPI imports from the 1.0.0 exports of the previous release: a policy
     * implements consumer types, so it admits every 1.x of the SPI.
     */
    private static void assertImportsAdmitEveryMinorOfSpi1(Path jar) throws IOException {
        Parameters imports;
        try (JarFile file = new JarFile(jar.toFile())) {
            imports = new Parameters(file.getManifest().getMainAttributes().getValue("Import-Package"));
        }
        for (String spiPackage : List.of("org.danian.spi", "org.danian.spi.pick")) {
            assertTrue(imports.containsKey(spiPackage), () -> "no import of " + spiPackage + ": " + imports);
            assertEquals("[1.0,2)", imports.get(spiPackage).getVersion(), () -> spiPackage + " in " + imports);
        }
    }

    /** A file named by a failsafe system property (see the module's pom); it must exist. */
    private static Path systemPath(String property) {
        String value = System.getProperty(property);
        assertNotNull(value, () -> "system property " + property + " is not set");
        Path path = Path.of(value);
        assertTrue(Files.isRegularFile(path), () -> property + "=" + path + " is not a file");
        return path;
    }
}
