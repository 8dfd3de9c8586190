package org.danian.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Runs one {@code danian:} shell command in a started framework, the way {@code bin/danian
 * <command> [args…]} promises: the same command and the same output as typing it in the
 * interactive shell.
 *
 * <p>Before running, it waits (up to the startup timeout) for the kernel service, the Gogo
 * command processor and the {@code danian} commands, and for every bundle already in the
 * hot-deploy folder to be started by FileInstall, so that a one-shot command sees the same
 * policies as an instance that has been running for a while. Arguments reach the command as
 * session variables, never spliced into the command line, so no argument can be parsed as
 * Gogo syntax.
 *
 * <p>Exit statuses: {@value #EXIT_OK} success; {@value #EXIT_COMMAND_FAILED} the command threw
 * (its message goes to standard error); {@value #EXIT_UNKNOWN_COMMAND} no such command (the
 * valid ones go to standard error); {@value #EXIT_STARTUP_FAILED} the kernel or the shell did
 * not come up in time.
 */
final class OneShotCommand {

    static final int EXIT_OK = 0;
    static final int EXIT_COMMAND_FAILED = 1;
    static final int EXIT_UNKNOWN_COMMAND = 2;
    static final int EXIT_STARTUP_FAILED = 3;

    /** The kernel's API type, by name: the launcher does not link against the kernel. */
    static final String KERNEL_TYPE = "org.danian.kernel.SchedulerKernel";
    static final String SCOPE = "danian";
    private static final String SCOPE_FILTER = "(osgi.command.scope=" + SCOPE + ")";
    private static final String FUNCTION_PROPERTY = "osgi.command.function";
    private static final Pattern COMMAND_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final long POLL_MILLIS = 25;
    /** FileInstall installs the folder's jars within a poll or two of starting (1 s each). */
    private static final long HOT_DEPLOY_WAIT_NANOS = 15_000_000_000L;

    private final BundleContext context;
    private final Path loadDirectory;
    private final long deadlineNanos;
    private final long timeoutMillis;
    private final PrintStream out;
    private final PrintStream err;

    OneShotCommand(BundleContext context, Path loadDirectory, long timeoutMillis, PrintStream out, PrintStream err) {
        this.context = context;
        this.loadDirectory = loadDirectory;
        this.timeoutMillis = timeoutMillis;
        this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000;
        this.out = out;
        this.err = err;
    }

    /** Waits for the runtime, runs {@code danian:<command> args…}, and returns the exit status. */
    int run(String command, List<String> args) throws InterruptedException {
        ServiceReference<?> kernel = awaitService("(objectClass=" + KERNEL_TYPE + ")");
        ServiceReference<?> processor = awaitService("(objectClass=" + GogoSession.PROCESSOR_TYPE + ")");
        Set<String> commands = awaitCommands();
        if (kernel == null || processor == null || commands.isEmpty()) {
            err.println("danian: the kernel and its shell commands did not start within " + timeoutMillis / 1000
                    + " s (kernel " + (kernel == null ? "missing" : "present") + ", shell "
                    + (processor == null ? "missing" : "present") + ")");
            return EXIT_STARTUP_FAILED;
        }
        try {
            awaitHotDeployedBundles();
            if (!COMMAND_NAME.matcher(command).matches() || !commands.contains(command)) {
                err.println("danian: unknown command '" + command + "'; the commands are: "
                        + String.join(", ", commands));
                return EXIT_UNKNOWN_COMMAND;
            }
            return execute(processor, command, args);
        } finally {
            stopKernelFirst(kernel);
        }
    }

    /**
     * Stops the kernel's bundle before the framework stops the others (in reverse start order,
     * policies first): otherwise the kernel would see its policies leave one by one and report
     * each fallback, which is no news at the end of a one-shot run.
     */
    private void stopKernelFirst(ServiceReference<?> kernel) {
        Bundle bundle = kernel.getBundle();
        if (bundle == null) {
            return;
        }
        try {
            bundle.stop(Bundle.STOP_TRANSIENT);
        } catch (BundleException | IllegalStateException e) {
            err.println("danian: warning: stopping the kernel: " + e.getMessage());
        }
    }

    private int execute(ServiceReference<?> reference, String command, List<String> args) {
        Object processor = context.getService(reference);
        try (GogoSession session = GogoSession.open(reference, processor, InputStream.nullInputStream(), out, err)) {
            StringBuilder line = new StringBuilder(SCOPE).append(':').append(command);
            if (args.contains("--help") || args.contains("-h")) {
                // Gogo's own help prints the command's descriptors and parameters.
                line.insert(0, "help ");
                args = List.of();
            }
            for (int i = 0; i < args.size(); i++) {
                session.put("danianArg" + i, args.get(i));
                line.append(" ${danianArg").append(i).append('}');
            }
            Object result = session.execute(line);
            if (result != null) {
                // As the console prints it, without the console's extra blank line after a
                // result that already ends its last line.
                String text = session.format(result).toString();
                out.print(text.endsWith("\n") ? text : text + System.lineSeparator());
            }
            out.flush();
            return EXIT_OK;
        } catch (Exception e) {
            out.flush();
            err.println("danian: " + command + ": " + describe(e));
            return EXIT_COMMAND_FAILED;
        } finally {
            context.ungetService(reference);
        }
    }

    private static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getName() : message;
    }

    private ServiceReference<?> awaitService(String filter) throws InterruptedException {
        do {
            ServiceReference<?>[] found = references(filter);
            if (found != null) {
                return found[0];
            }
        } while (pause(deadlineNanos));
        return null;
    }

    /** The function names of every service in the {@value #SCOPE} scope, sorted. */
    private Set<String> awaitCommands() throws InterruptedException {
        Set<String> names = new TreeSet<>();
        do {
            ServiceReference<?>[] found = references(SCOPE_FILTER);
            for (ServiceReference<?> reference : found == null ? new ServiceReference<?>[0] : found) {
                addFunctions(reference.getProperty(FUNCTION_PROPERTY), names);
            }
        } while (names.isEmpty() && pause(deadlineNanos));
        return names;
    }

    private static void addFunctions(Object property, Set<String> names) {
        if (property instanceof String name) {
            names.add(name);
        } else if (property instanceof String[] array) {
            names.addAll(List.of(array));
        } else if (property instanceof Collection<?> collection) {
            collection.forEach(name -> names.add(String.valueOf(name)));
        }
    }

    /**
     * Waits until each jar in the hot-deploy folder is an active bundle. FileInstall scans the
     * folder on its own thread, after the framework has started; a jar that never becomes
     * active (not a bundle, unresolved) is reported and skipped, it does not fail the command.
     */
    private void awaitHotDeployedBundles() throws InterruptedException {
        List<String> pending = hotDeployedJars();
        long deadline = Math.min(deadlineNanos, System.nanoTime() + HOT_DEPLOY_WAIT_NANOS);
        while (!pending.isEmpty()) {
            pending.removeIf(this::isActiveBundle);
            if (!pending.isEmpty() && !pause(deadline)) {
                err.println("danian: warning: not started from " + loadDirectory + ": " + String.join(", ", pending));
                return;
            }
        }
    }

    private List<String> hotDeployedJars() {
        if (loadDirectory == null || !Files.isDirectory(loadDirectory)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(loadDirectory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jar"))
                    .filter(this::isBundleJar)
                    .map(file -> file.getFileName().toString())
                    .collect(Collectors.toCollection(ArrayList::new));
        } catch (IOException e) {
            err.println("danian: warning: cannot list " + loadDirectory + ": " + e.getMessage());
            return new ArrayList<>();
        }
    }

    /**
     * Whether a jar of the hot-deploy folder can become a bundle at all: a corrupt jar, one
     * without a {@code Bundle-SymbolicName}, or a copy of a shipped bundle ({@link
     * HotDeployGuard} refuses it) never will, so waiting for it only delays the command. It is
     * named once on standard error and not waited for.
     */
    private boolean isBundleJar(Path jar) {
        String name = HotDeployGuard.symbolicName(jar.toFile());
        if (name == null) {
            err.println("danian: warning: " + jar + " is not an OSGi bundle (unreadable, or no Bundle-SymbolicName);"
                    + " ignored");
            return false;
        }
        String location = "/" + jar.getFileName();
        for (Bundle bundle : context.getBundles()) {
            if (name.equals(bundle.getSymbolicName()) && !bundle.getLocation().endsWith(location)) {
                err.println("danian: warning: " + jar + " is refused: bundle " + name + " is installed from "
                        + bundle.getLocation());
                return false;
            }
        }
        return true;
    }

    /** FileInstall installs a file under its URI, so the location ends with "/" + file name. */
    private boolean isActiveBundle(String jarName) {
        for (Bundle bundle : context.getBundles()) {
            if (!bundle.getLocation().endsWith("/" + jarName)) {
                continue;
            }
            if (bundle.getState() == Bundle.ACTIVE || bundle.getHeaders().get("Fragment-Host") != null) {
                return true;
            }
            if (bundle.getState() == Bundle.INSTALLED && !resolvable(bundle)) {
                err.println("danian: warning: " + jarName + " (" + bundle.getSymbolicName() + ") cannot be resolved;"
                        + " not waiting for it (the running instance's log says what it misses)");
                return true;
            }
        }
        return false;
    }

    /** Asks the framework to resolve an installed bundle now (OSGi Core R8 §7.3 FrameworkWiring). */
    private boolean resolvable(Bundle bundle) {
        FrameworkWiring wiring = context.getBundle(0).adapt(FrameworkWiring.class);
        return wiring == null || wiring.resolveBundles(List.of(bundle));
    }

    private ServiceReference<?>[] references(String filter) {
        try {
            return context.getServiceReferences((String) null, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad service filter: " + filter, e);
        }
    }

    /** Sleeps one poll interval; false once {@code deadline} (a nanoTime) has passed. */
    private static boolean pause(long deadline) throws InterruptedException {
        if (System.nanoTime() - deadline >= 0) {
            return false;
        }
        Thread.sleep(POLL_MILLIS);
        return true;
    }
}
