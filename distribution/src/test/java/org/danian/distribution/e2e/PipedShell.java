package org.danian.distribution.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The Gogo shell of a {@code bin/danian} process, driven through a pipe as a script drives it:
 * commands go to the process's standard input, everything it prints (standard error merged
 * in) is collected, and each answer is ended by an {@code echo <marker>} sent after its
 * command. Shared by the end-to-end tests' process wrappers.
 */
final class PipedShell {

    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final OutputStream stdin;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    private final String markerPrefix;
    private int markers;

    /** Starts collecting {@code process}'s output; {@code name} names the reader thread and the markers. */
    PipedShell(Process process, String name) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.markerPrefix = name + "-marker-";
        this.reader = new Thread(this::pump, name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends one line to the shell. */
    void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Sends {@code command} then {@code echo <marker>}; returns what was printed in between (prompts included). */
    String command(String command) throws IOException, InterruptedException {
        String marker = markerPrefix + (++markers);
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

    /** Everything the process has printed so far. */
    String output() {
        return output.toString();
    }

    /** Closes the shell's input (the process sees end of file). */
    void closeInput() throws IOException {
        stdin.close();
    }

    /** Waits at most {@code millis} for the output to end (after the process ended). */
    void awaitOutputEnd(long millis) throws InterruptedException {
        reader.join(millis);
    }

    private void pump() {
        byte[] buffer = new byte[8192];
        try (InputStream in = process.getInputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            output.append("\n[output closed: ").append(e.getMessage()).append("]\n");
        }
    }
}
