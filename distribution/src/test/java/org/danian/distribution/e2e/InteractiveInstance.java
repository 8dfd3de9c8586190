package org.danian.distribution.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code bin/danian} with its interactive shell fed from a pipe, as an operator (or
 * a script with {@code expect}) drives it: commands go to its standard input, answers are read
 * from its standard output (standard error is merged in), each answer ended by an
 * {@code echo <marker>} sent after its command.
 */
final class InteractiveInstance implements AutoCloseable {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

    private final Process process;
    private final PipedShell shell;

    private InteractiveInstance(Process process) {
        this.process = process;
        this.shell = new PipedShell(process, "danian-instance");
    }

    static InteractiveInstance start(Path launcher, Path workingDirectory) throws IOException {
        return new InteractiveInstance(DanianProcess.builder(launcher, workingDirectory)
                .redirectErrorStream(true)
                .start());
    }

    /** Sends one command line to the shell. */
    void send(String line) throws IOException {
        shell.send(line);
    }

    /** Everything the instance has printed so far. */
    String output() {
        return shell.output();
    }

    /** Sends {@code command}; returns its answer (see {@link PipedShell#command}). */
    String command(String command) throws IOException, InterruptedException {
        return shell.command(command);
    }

    /** Asks the shell to exit, then kills the process if it is still there. */
    @Override
    public void close() throws InterruptedException {
        try {
            send("exit");
            shell.closeInput();
        } catch (IOException e) {
            // The process already closed its input; it is gone or going.
        }
        if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        shell.awaitOutputEnd(EXIT_TIMEOUT.toMillis());
    }

    boolean exitedNormally() {
        return !process.isAlive() && process.exitValue() == 0;
    }
}
