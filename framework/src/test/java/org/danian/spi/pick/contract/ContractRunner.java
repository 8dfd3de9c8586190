package org.danian.spi.pick.contract;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import org.danian.spi.pick.ThreadPickPolicy;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * {@code bin/danian contract POLICY.jar}: runs {@link ThreadPickerContract}, the suite every
 * thread-pick policy must pass, against the policy of a bundle, without Maven. The bundle's
 * Declarative Services descriptors ({@code Service-Component}) name its components; the one
 * that provides {@link ThreadPickPolicy} is instantiated with its public no-argument
 * constructor, as SCR would (OSGi Compendium R8, §112.5), from a class loader over the jar whose
 * parent has the SPI.
 *
 * <p>Prints one JSON line per check, {@code {"check":…,"result":"SUCCESSFUL"|"FAILED"|"ABORTED",
 * "reason":…}}, then {@code {"policy":…,"checks":n,"failed":m}}. Exit status: 0 every check
 * passed, 1 some failed, 2 no such jar or no thread-pick component in it (one line on standard
 * error).
 */
public final class ContractRunner {

    static final int EXIT_FAILED = 1;
    static final int EXIT_BAD_ARGUMENTS = 2;
    private static final Pattern IMPLEMENTATION = Pattern.compile("<implementation\\s+class=\"([^\"]+)\"");
    private static final Pattern PICK_SERVICE = Pattern.compile(
            "<provide\\s+interface=\"" + Pattern.quote(ThreadPickPolicy.class.getName()) + "\"");
    private static final Gson GSON = new Gson();

    private ContractRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 1 || !Files.isRegularFile(Path.of(args.get(0)))) {
            err.println("danian: contract: expected the path of one policy bundle (a jar), got " + args);
            return EXIT_BAD_ARGUMENTS;
        }
        Supplier<ThreadPickPolicy> policy;
        try {
            policy = policyOf(Path.of(args.get(0)));
        } catch (IOException | IllegalArgumentException e) {
            err.println("danian: contract: " + e.getMessage());
            return EXIT_BAD_ARGUMENTS;
        }
        return check(policy, out);
    }

    /** Runs the suite against new instances of {@code policy}; prints the results; returns the exit status. */
    static int check(Supplier<ThreadPickPolicy> policy, PrintStream out) {
        String name = policy.get().name();
        JarPolicyContract.policy = policy;
        AtomicInteger checks = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(JarPolicyContract.class))
                .build(), new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (!test.isTest()) {
                            return;
                        }
                        checks.incrementAndGet();
                        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                            failed.incrementAndGet();
                        }
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("check", test.getLegacyReportingName());
                        line.put("result", result.getStatus().name());
                        line.put("reason", result.getThrowable().map(Throwable::toString).orElse(null));
                        out.println(GSON.toJson(line));
                    }
                });
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("policy", name);
        summary.put("checks", checks.get());
        summary.put("failed", failed.get());
        out.println(GSON.toJson(summary));
        return failed.get() == 0 && checks.get() > 0 ? 0 : EXIT_FAILED;
    }

    /** A supplier of new instances of the bundle's thread-pick component. */
    static Supplier<ThreadPickPolicy> policyOf(Path jar) throws IOException {
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
                ThreadPickPolicy.class.getClassLoader());
        String components;
        try (JarFile file = new JarFile(jar.toFile())) {
            components = file.getManifest() == null ? null
                    : file.getManifest().getMainAttributes().getValue("Service-Component");
        }
        if (components == null) {
            throw new IllegalArgumentException(jar + " has no Service-Component header: not a bundle built by bnd"
                    + " with a @Component");
        }
        for (String descriptor : components.split(",")) {
            try (InputStream in = loader.getResourceAsStream(descriptor.strip())) {
                String xml = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
                Matcher implementation = IMPLEMENTATION.matcher(xml);
                if (PICK_SERVICE.matcher(xml).find() && implementation.find()) {
                    Class<?> type = loadClass(loader, implementation.group(1));
                    return () -> newInstance(type);
                }
            }
        }
        throw new IllegalArgumentException(jar + " has no component providing " + ThreadPickPolicy.class.getName()
                + " (descriptors: " + components + ")");
    }

    private static Class<?> loadClass(ClassLoader loader, String name) {
        try {
            return loader.loadClass(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("the component class " + name + " is not in the jar", e);
        }
    }

    private static ThreadPickPolicy newInstance(Class<?> type) {
        try {
            return (ThreadPickPolicy) type.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName() + " has no public no-argument constructor: " + e, e);
        }
    }

    /** The suite against the policy {@link #check} was given. */
    public static final class JarPolicyContract extends ThreadPickerContract {

        static volatile Supplier<ThreadPickPolicy> policy;

        @Override
        protected ThreadPickPolicy policy() {
            return policy.get();
        }
    }
}
