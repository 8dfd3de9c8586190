package org.danian.distribution;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.BundleException;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * {@code bin/danian serve}: the framework with the requested workload servers listening,
 * until SIGTERM or SIGINT.
 *
 * <ol>
 *   <li>Configures the servers through ConfigAdmin (PIDs {@code org.danian.workloads.<name>},
 *       properties {@code port}, {@code bind}, and {@value #MARKER}{@code =true}, which marks
 *       a configuration as made by a serve run), and the packet driver if {@code --driver} was
 *       given ({@link ServeDriver}: for dpdk, it waits until the driver's service is up), then
 *       starts the workloads bundle, which the launcher held back until its configurations
 *       were in place.
 *   <li>Waits for each server's {@code WorkloadServer} service and prints, on standard output,
 *       exactly one line per listening server: {@code <workload> <address> <port>}, e.g.
 *       {@code netperf 0.0.0.0 40123}. Scripts (the experiment runner) parse these lines.
 *   <li>Reads shell commands from standard input ({@link ServeShell}): answers on standard
 *       output, errors on standard error; {@code echo X} prints {@code X}. End of input ends
 *       the shell but not the servers.
 *   <li>On SIGTERM or SIGINT: stops the workloads bundle, whose servers stop cleanly
 *       (every accepted request answered, ports released), deletes the configurations, and
 *       exits with 0, whenever the signal comes after the start (even before the ready lines).
 *       The same on {@code exit} in the shell, or if the framework is stopped another way.
 * </ol>
 * Exit statuses: 0 stopped cleanly; 2 bad arguments (checked before the framework starts);
 * 3 a server cannot listen: a port in use is found before the framework starts
 * ({@link ServeArguments#firstPortInUse()}), anything else within the startup timeout.
 */
final class ServeMode {

    static final String WORKLOADS_BUNDLE = "org.danian.workloads";
    static final String MARKER = "danian.serve";
    private static final String PID_PREFIX = "org.danian.workloads.";
    private static final String SERVER_TYPE = "org.danian.workloads.service.WorkloadServer";
    private static final String MARKER_FILTER = "(" + MARKER + "=true)";
    private static final long POLL_MILLIS = 25;

    private final BundleContext context;
    private final ServeArguments arguments;
    private final long timeoutMillis;
    private final PrintStream out;
    private final PrintStream err;
    /** The kernel's packet driver as {@code --driver} set it for this run, taken away on stop. */
    private volatile RunOnlyKernelSetting runDriver;

    ServeMode(BundleContext context, ServeArguments arguments, long timeoutMillis, PrintStream out, PrintStream err) {
        this.context = context;
        this.arguments = arguments;
        this.timeoutMillis = timeoutMillis;
        this.out = out;
        this.err = err;
    }

    /** Runs until a stop signal or the framework's stop; returns the exit status. */
    int run(Bundle workloads, Bundle console, ServeStopSignals signals) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        ConfigAdminClient admin = configAdmin(context, deadline, err);
        if (admin == null || workloads == null) {
            err.println("danian: serve: " + (workloads == null ? "the workloads bundle " + WORKLOADS_BUNDLE
                    + " is not in bundle/" : "ConfigurationAdmin did not start within " + timeoutMillis / 1000 + " s"));
            return OneShotCommand.EXIT_STARTUP_FAILED;
        }
        AtomicBoolean stopped = new AtomicBoolean();
        // 'exit' in the shell stops the framework from the console's thread. A synchronous
        // listener hears the system bundle's STOPPING before any other bundle stops (OSGi Core
        // R8 §4.7.2, §10.1.9.11), while ConfigAdmin still runs: the servers stop and their
        // configurations go as after a signal.
        SynchronousBundleListener onFrameworkStop = event -> {
            if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
                stopServersOnce(stopped, workloads, admin);
            }
        };
        context.addBundleListener(onFrameworkStop);
        try {
            configure(admin);
            if (signals.arrived()) {
                return 0;
            }
            runDriver = arguments.driver().configure(context, admin);
            if (!awaitDriver(deadline)) {
                return OneShotCommand.EXIT_STARTUP_FAILED;
            }
            workloads.start(Bundle.START_TRANSIENT);
            List<String> ready = awaitServers(deadline, signals);
            if (ready == null) {
                return signals.arrived() ? 0 : OneShotCommand.EXIT_STARTUP_FAILED;
            }
            ready.forEach(out::println);
            out.flush();
            if (console != null) {
                // Started without its console (gosh --nointeractive): it registers Gogo's own
                // commands (echo among them) for the serve shell.
                console.start(Bundle.START_TRANSIENT);
                signals.reinstall();
            }
            new ServeShell(context, System.in, out, err, signals).start();
            while (!signals.await(200)) {
                if ((context.getBundle(0).getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                    return 0; // stopped from the shell
                }
            }
            return 0;
        } catch (Exception e) {
            err.println("danian: serve: " + e);
            return OneShotCommand.EXIT_STARTUP_FAILED;
        } finally {
            stopServersOnce(stopped, workloads, admin);
        }
    }

    private void stopServersOnce(AtomicBoolean stopped, Bundle workloads, ConfigAdminClient admin) {
        if (stopped.compareAndSet(false, true)) {
            stopServers(workloads, admin);
            restoreDriver(admin, runDriver);
        }
    }

    private boolean awaitDriver(long deadline) throws InterruptedException, InvalidSyntaxException {
        while (!arguments.driver().installed(context)) {
            if (System.nanoTime() - deadline >= 0) {
                err.println("danian: serve: packet driver '" + arguments.driver().name() + "' did not start within "
                        + timeoutMillis / 1000 + " s (see the messages above)");
                return false;
            }
            Thread.sleep(POLL_MILLIS);
        }
        return true;
    }

    private void restoreDriver(ConfigAdminClient admin, RunOnlyKernelSetting setting) {
        try {
            if (admin != null) {
                arguments.driver().restore(admin, setting);
            }
        } catch (Exception e) {
            err.println("danian: serve: ending this run's packetDriver setting: " + e.getMessage());
        }
    }

    private void configure(ConfigAdminClient admin) throws Exception {
        admin.deleteMatching(MARKER_FILTER);
        for (Map.Entry<String, Integer> workload : arguments.ports().entrySet()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put("port", workload.getValue());
            properties.put("bind", arguments.bind());
            properties.put(MARKER, "true");
            admin.put(PID_PREFIX + workload.getKey(), properties);
        }
    }

    /** The ready lines, in argument order; null (said on stderr) if one did not come in time. */
    private List<String> awaitServers(long deadline, ServeStopSignals signals)
            throws InterruptedException, InvalidSyntaxException {
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, Integer> workload : arguments.ports().entrySet()) {
            String filter = "(&(objectClass=" + SERVER_TYPE + ")(danian.workload=" + workload.getKey() + "))";
            ServiceReference<?>[] found;
            while ((found = context.getServiceReferences((String) null, filter)) == null) {
                if (signals.arrived()) {
                    return null;
                }
                if (System.nanoTime() - deadline >= 0) {
                    err.println("danian: serve: " + workload.getKey() + " did not start listening on "
                            + arguments.bind() + " port " + workload.getValue() + " within " + timeoutMillis / 1000
                            + " s (is the port in use? see the messages above)");
                    return null;
                }
                Thread.sleep(POLL_MILLIS);
            }
            lines.add(workload.getKey() + " " + found[0].getProperty("danian.workload.address") + " "
                    + found[0].getProperty("danian.workload.port"));
        }
        return lines;
    }

    /** Stopping the bundle deactivates the servers synchronously: each answers what it accepted. */
    private void stopServers(Bundle workloads, ConfigAdminClient admin) {
        try {
            if (workloads != null) {
                workloads.stop(Bundle.STOP_TRANSIENT);
            }
        } catch (BundleException | IllegalStateException e) {
            err.println("danian: serve: stopping the servers: " + e.getMessage());
        }
        try {
            if (admin != null) {
                admin.deleteMatching(MARKER_FILTER);
            }
        } catch (Exception e) {
            err.println("danian: serve: deleting the servers' configurations: " + e.getMessage());
        }
        stopKernelFirst();
    }

    /**
     * Stops the kernel's bundle before the framework stops the others, as a one-shot run does
     * ({@link OneShotCommand}): otherwise the kernel reports each policy leaving as a fallback.
     */
    private void stopKernelFirst() {
        try {
            ServiceReference<?> kernel = context.getServiceReference(OneShotCommand.KERNEL_TYPE);
            Bundle bundle = kernel == null ? null : kernel.getBundle();
            if (bundle != null) {
                bundle.stop(Bundle.STOP_TRANSIENT);
            }
        } catch (BundleException | IllegalStateException e) {
            err.println("danian: serve: stopping the kernel: " + e.getMessage());
        }
    }

    /**
     * Deletes the configurations a serve run left behind (it was killed before it could), so
     * that no other run starts its servers; then the workloads bundle may start. Used by the
     * interactive mode; a missing ConfigAdmin only skips the clean-up.
     */
    static void deleteLeftovers(BundleContext context, long timeoutMillis, PrintStream err) throws InterruptedException {
        ConfigAdminClient admin = configAdmin(context, System.nanoTime() + timeoutMillis * 1_000_000, err);
        if (admin == null) {
            return;
        }
        try {
            admin.deleteMatching(MARKER_FILTER);
        } catch (Exception e) {
            err.println("danian: warning: cannot delete the configurations of an earlier serve run: " + e);
        }
    }

    private static ConfigAdminClient configAdmin(BundleContext context, long deadline, PrintStream err)
            throws InterruptedException {
        while (true) {
            ServiceReference<?> reference = context.getServiceReference(ConfigAdminClient.ADMIN_TYPE);
            if (reference != null) {
                try {
                    return ConfigAdminClient.of(context, reference);
                } catch (ReflectiveOperationException | IllegalStateException e) {
                    err.println("danian: cannot use ConfigurationAdmin: " + e);
                    return null;
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
