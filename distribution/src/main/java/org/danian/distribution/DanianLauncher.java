package org.danian.distribution;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.felix.framework.FrameworkFactory;
import org.apache.felix.main.AutoProcessor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.launch.Framework;

/**
 * Entry point of {@code bin/danian}.
 *
 * <ul>
 *   <li>{@code danian} — boots Felix with every bundle of {@code bundle/}, FileInstall watching
 *       {@code load/}, and the interactive Gogo shell on the terminal (or on whatever feeds
 *       standard input); exits when the framework stops ({@code stop 0}, {@code exit}, or end
 *       of input).
 *   <li>{@code danian serve [--workload synthetic|netperf|all] [--port N] [--bind ADDR] [--driver
 *       kernel-udp|dpdk --vdev DEVICE --ip ADDR]} — the
 *       framework with those workload servers listening, one line per server on standard
 *       output once ready, shell commands read from standard input ({@link ServeShell}), until
 *       SIGTERM, SIGINT or {@code exit}; see {@link ServeMode}.
 *   <li>{@code danian <command> [args…]} — boots the same framework without the console,
 *       waits until the kernel service and the {@code danian} commands are registered, runs
 *       {@code danian:<command> args…} once, prints its result and exits; see {@link
 *       OneShotCommand} for the exit statuses.
 *   <li>{@code danian --help}, {@code danian serve --help} — the usage ({@link LauncherUsage});
 *       {@code danian install-service} — a systemd unit ({@link ServiceUnit}).
 * </ul>
 *
 * <p>In serve and one-shot runs standard output carries only ready lines and answers:
 * {@code System.out} is pointed at standard error, and the log goes to standard error and
 * {@code log/} ({@link LauncherLog}). Every run first deletes the run directories of dead
 * processes ({@link RunDirectory#sweepStale}) and guards {@code load/} ({@link HotDeployGuard}).
 *
 * <p>Every run gets its own framework storage ({@link RunDirectory}), so one-shot commands
 * never collide with a running instance or with each other. What must outlive a run — the
 * configuration written through ConfigAdmin, such as the chosen policy — lives in the data
 * directory named by {@code felix.cm.dir} in {@code conf/config.properties}, shared by all
 * runs.
 */
public final class DanianLauncher {

    /** Bundle symbolic name of the console; one-shot runs leave it stopped. */
    static final String CONSOLE_BUNDLE = "org.apache.felix.gogo.jline";
    /** The first argument that selects the serve mode. */
    static final String SERVE = "serve";
    /** Tells etc/gosh_profile that no console runs (serve): no prompt, no banner, no line reader. */
    static final String QUIET_PROPERTY = "danian.shell.quiet";
    /** Exit status of {@code serve} with bad arguments. */
    static final int EXIT_BAD_ARGUMENTS = 2;

    private DanianLauncher() {
    }

    public static void main(String[] args) {
        PrintStream answers = System.out;
        if (args.length > 0) {
            // Serve and one-shot runs: standard output carries the ready lines and the
            // answers, nothing else. Bundles that print (SCR and FileInstall without a Log
            // Service) write to System.out; they go to standard error instead.
            System.setOut(System.err);
        }
        System.exit(run(Arrays.asList(args), answers, System.err));
    }

    /**
     * Runs the launcher and returns the process exit status.
     *
     * @param args the command line of {@code bin/danian}
     * @param out where the command's result goes (captured before Gogo redirects System.out)
     * @param err where errors go
     */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        boolean serve = !args.isEmpty() && SERVE.equals(args.get(0));
        if (serve ? LauncherUsage.asksForHelp(args.subList(1, args.size()))
                : !args.isEmpty() && LauncherUsage.asksForHelp(args.subList(0, 1))) {
            out.print(serve ? LauncherUsage.SERVE : LauncherUsage.GENERAL);
            out.flush();
            return 0;
        }
        if (!args.isEmpty() && ServiceUnit.COMMAND.equals(args.get(0))) {
            return ServiceUnit.print(out, err);
        }
        ServeArguments serveArguments = null;
        ServeStopSignals signals = null;
        if (serve) {
            // From now on a stop signal ends the run cleanly with status 0, whatever the
            // moment: ServeMode checks it at each step of starting up.
            signals = ServeStopSignals.install();
            err.println("danian: serve: starting; SIGTERM, SIGINT or 'exit' stops cleanly");
            try {
                serveArguments = ServeArguments.parse(args.subList(1, args.size()));
            } catch (ServeArguments.Invalid e) {
                err.println("danian: serve: " + e.getMessage());
                return EXIT_BAD_ARGUMENTS;
            }
            String busy = serveArguments.firstPortInUse();
            if (busy != null) {
                err.println("danian: serve: " + busy);
                return OneShotCommand.EXIT_STARTUP_FAILED;
            }
            // The Gogo bundle starts no console (ServeShell reads standard input) and does not
            // stop the framework when it has nothing to run.
            System.setProperty("gosh.args", "--nointeractive --noshutdown");
            System.setProperty(QUIET_PROPERTY, "true");
        }
        boolean oneShot = !serve && !args.isEmpty();
        RunDirectory runDirectory;
        Map<String, String> config;
        try {
            RunDirectory.sweepStale(err);
            runDirectory = RunDirectory.create();
            config = LauncherConfig.load(runDirectory.storage());
            LauncherLog.configure(err);
        } catch (RuntimeException | java.io.IOException e) {
            err.println("danian: cannot prepare the framework: " + e.getMessage());
            return OneShotCommand.EXIT_STARTUP_FAILED;
        }
        Framework framework = new FrameworkFactory().newFramework(config);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopQuietly(framework);
            runDirectory.delete();
        }, "danian-shutdown"));
        try {
            framework.init();
            AutoProcessor.process(config, framework.getBundleContext());
            HotDeployGuard.register(framework.getBundleContext(), LauncherConfig.bundleDirectory(config),
                    LauncherConfig.loadDirectory(config), err);
            Bundle console = holdBack(framework, CONSOLE_BUNDLE);
            Bundle workloads = holdBack(framework, ServeMode.WORKLOADS_BUNDLE);
            framework.start();
            long timeout = LauncherConfig.startupTimeoutMillis();
            if (serve) {
                return new ServeMode(framework.getBundleContext(), serveArguments, timeout, out, err)
                        .run(workloads, console, signals);
            }
            if (oneShot) {
                return new OneShotCommand(framework.getBundleContext(), LauncherConfig.loadDirectory(config),
                        timeout, out, err).run(args.get(0), args.subList(1, args.size()));
            }
            ServeMode.deleteLeftovers(framework.getBundleContext(), timeout, err);
            if (workloads != null) {
                workloads.start(Bundle.START_TRANSIENT);
            }
            if (console != null) {
                console.start(Bundle.START_TRANSIENT);
            }
            framework.waitForStop(0);
            return 0;
        } catch (BundleException e) {
            err.println("danian: the framework did not start: " + e.getMessage());
            return OneShotCommand.EXIT_STARTUP_FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OneShotCommand.EXIT_STARTUP_FAILED;
        } finally {
            stopQuietly(framework);
        }
    }

    /**
     * Keeps a bundle from starting with the others: stop() on a bundle that is not yet active
     * only clears its autostart setting (OSGi Core §4.4.9). The console: an interactive run
     * starts it once the framework has started every bundle, so the first command typed sees
     * the kernel and every policy; a one-shot run never starts it, so it neither grabs the
     * terminal nor runs the login profile. The workloads bundle: started once the
     * configurations of its servers are as the run wants them (serve: its own; interactive:
     * none left over from a serve run that was killed); a one-shot run never starts it.
     *
     * @return the bundle, or null if the distribution has none of that name
     */
    private static Bundle holdBack(Framework framework, String symbolicName) throws BundleException {
        for (Bundle bundle : framework.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                bundle.stop();
                return bundle;
            }
        }
        return null;
    }

    private static void stopQuietly(Framework framework) {
        try {
            if ((framework.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) != 0) {
                framework.stop();
                framework.waitForStop(LauncherConfig.STOP_TIMEOUT_MILLIS);
            }
        } catch (BundleException e) {
            System.err.println("danian: the framework did not stop cleanly: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
