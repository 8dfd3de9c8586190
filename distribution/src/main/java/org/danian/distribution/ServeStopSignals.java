package org.danian.distribution;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT as a request to stop cleanly. A shutdown hook alone cannot do it with
 * exit status 0: the JVM runs hooks only while already exiting, with status 143 or 130.
 * Handling the signals ({@code sun.misc.Signal}, module {@code jdk.unsupported}, the supported
 * way in Java 17) lets the main thread stop the servers and exit with 0.
 *
 * <p>Installed before the framework starts, so a signal at any moment of a serve run ends it
 * with status 0, and installed again after the console started: JLine installs its own INT
 * handler for the terminal, and the last handler installed wins.
 *
 * <p>The baseline server has the same handlers ({@code org.danian.workloads.baseline.StopSignals},
 * blocking until a signal). They are not shared: the launcher runs on Felix main's class path
 * only, and the workloads jar is a bundle inside the framework, not a library of the launcher.
 */
final class ServeStopSignals {

    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name = "none";

    /** Handles SIGTERM and SIGINT from now on; installed before the framework starts. */
    static ServeStopSignals install() {
        ServeStopSignals signals = new ServeStopSignals();
        signals.reinstall();
        return signals;
    }

    /** Takes the signals back after the console started (JLine installs its own INT handler). */
    void reinstall() {
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> arrived(s.getName()));
        }
    }

    /** Whether a signal has arrived, without waiting. */
    boolean arrived() {
        return received.getCount() == 0;
    }

    private void arrived(String signal) {
        request("SIG" + signal);
    }

    /** A stop asked for in another way than a signal ({@code exit} in the serve shell). */
    void request(String why) {
        name = why;
        received.countDown();
    }

    /** Waits up to {@code millis}; returns whether a signal arrived. */
    boolean await(long millis) throws InterruptedException {
        return received.await(millis, TimeUnit.MILLISECONDS);
    }

    String name() {
        return name;
    }
}
