package org.danian.workloads.baseline;

import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * Waits for SIGTERM or SIGINT. A shutdown hook alone cannot stop a server cleanly with exit
 * status 0: the JVM runs hooks only while already exiting, with status 143 or 130. Handling the
 * signals ({@code sun.misc.Signal}, in the {@code jdk.unsupported} module, the supported way to
 * do this in Java 17) lets the main thread stop the server and then exit with 0.
 */
final class StopSignals {

    private final CountDownLatch received = new CountDownLatch(1);
    private volatile String name = "none";

    /** Installs the handlers; from then on the two signals no longer end the JVM by themselves. */
    static StopSignals install() {
        StopSignals signals = new StopSignals();
        for (String signal : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(signal), s -> signals.arrived(s.getName()));
        }
        return signals;
    }

    private void arrived(String signal) {
        name = "SIG" + signal;
        received.countDown();
    }

    /** Blocks until one of the signals arrives; returns its name. */
    String await() throws InterruptedException {
        received.await();
        return name;
    }
}
