package org.danian.distribution.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
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
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final OutputStream stdin;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    private int markers;

    private InteractiveInstance(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::pumpOutput, "danian-instance-output");
        reader.setDaemon(true);
        reader.start();
    }

    static InteractiveInstance start(Path launcher, Path workingDirectory) throws IOException {
        return new InteractiveInstance(DanianProcess.builder(launcher, workingDirectory)
                .redirectErrorStream(true)
                .start());
    }

    /** Sends one command line to the shell. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Everything the instance has printed so far. */
    String output() {
        return output.toString();
    }

    /**
     * Sends {@code command} then {@code echo <marker>}; returns what was printed in between
     * (prompts included).
     */
    String command(String command) throws IOException, InterruptedException {
        String marker = "instance-marker-" + (++markers);
        int from = output.length();
        send(command);
        send("echo " + marker);
        long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
        int end;
        while ((end = output.indexOf(marker + "\n", from)) < 0) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("no answer to '" + command + "':\n" + output.substring(from));
            }
            Thread.sleep(10);
        }
        return output.substring(from, end);
    }

    private void pumpOutput() {
        byte[] buffer = new byte[4096];
        try (InputStream in = process.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            output.append("\n[output closed: ").append(e.getMessage()).append("]\n");
        }
    }

    /** Asks the shell to exit, then kills the process if it is still there. */
    @Override
    public void close() throws InterruptedException {
        try {
            send("exit");
            stdin.close();
        } catch (IOException e) {
            // The process already closed its input; it is gone or going.
        }
        if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
        reader.join(EXIT_TIMEOUT.toMillis());
    }

    boolean exitedNormally() {
        return !process.isAlive() && process.exitValue() == 0;
    }
}
