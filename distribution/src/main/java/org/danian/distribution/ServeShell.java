package org.danian.distribution;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The shell of {@code bin/danian serve}: reads command lines from standard input and runs each
 * in one Gogo session, the answers on standard output, the errors on standard error. Scripts
 * (the experiment runner) write a command, then {@code echo <marker>}, and read standard output
 * up to the marker; an error never lands among the answers.
 *
 * <p>Why not Gogo's console: it prints a failed command's exception on its terminal, which is
 * standard output. This reader runs the very same commands through the same
 * {@code CommandProcessor} (the danian commands first in {@code SCOPE}, then Gogo's, so
 * {@code policy} is {@code danian:policy}); {@code exit} stops the run as SIGTERM does; the end
 * of input ends the shell, not the servers.
 */
final class ServeShell implements Runnable {

    private final BundleContext context;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final ServeStopSignals signals;

    ServeShell(BundleContext context, InputStream in, PrintStream out, PrintStream err, ServeStopSignals signals) {
        this.context = context;
        this.in = in;
        this.out = out;
        this.err = err;
        this.signals = signals;
    }

    /** Starts reading on a daemon thread: a pending read never holds the JVM up. */
    void start() {
        Thread reader = new Thread(this, "danian-serve-shell");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void run() {
        ServiceReference<?> reference = context.getServiceReference(GogoSession.PROCESSOR_TYPE);
        if (reference == null) {
            err.println("danian: serve: no Gogo command processor; standard input is not read");
            return;
        }
        Object processor = context.getService(reference);
        try (GogoSession session = GogoSession.open(reference, processor, InputStream.nullInputStream(), out, err);
             BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            session.put("SCOPE", OneShotCommand.SCOPE + ":gogo:*");
            String line;
            while ((line = lines.readLine()) != null) {
                String command = line.strip();
                if (command.equals("exit")) {
                    signals.request("exit");
                    return;
                }
                if (!command.isEmpty()) {
                    runOne(session, command);
                }
            }
        } catch (IOException e) {
            err.println("danian: serve: standard input: " + e.getMessage());
        } catch (Exception e) {
            err.println("danian: serve: the shell stopped: " + e);
        }
    }

    private void runOne(GogoSession session, String command) {
        try {
            Object result = session.execute(command);
            if (result != null) {
                String text = session.format(result).toString();
                out.print(text.endsWith("\n") ? text : text + System.lineSeparator());
            }
        } catch (Exception e) {
            String message = e.getMessage();
            err.println("danian: " + command + ": " + (message == null || message.isBlank() ? e.toString() : message));
        } finally {
            out.flush();
        }
    }
}
