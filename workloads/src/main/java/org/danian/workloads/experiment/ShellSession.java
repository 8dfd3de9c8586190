package org.danian.workloads.experiment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Commands to a Gogo shell that reads a server process's standard input, and their answers on
 * its (merged) output. Gogo prints no end-of-answer mark, so after each command the session
 * sends {@code echo <marker>} with a fresh marker and takes every line up to the one that
 * reads just the marker. A line that still holds the word {@code echo} is the shell echoing
 * the input back, not the answer, so it never ends the answer. Gogo's prompt ({@code g! })
 * may precede any line and is stripped.
 */
final class ShellSession {

    private static final String MARKER = "danian-experiment-sync-";

    private final ChildProcess process;
    private final long timeoutNanos;
    private int sequence;

    ShellSession(ChildProcess process, long timeoutSeconds) {
        this.process = process;
        this.timeoutNanos = TimeUnit.SECONDS.toNanos(timeoutSeconds);
    }

    /**
     * Sends {@code command} and returns the lines printed before the marker.
     *
     * @throws IllegalStateException if the process ended or the marker did not come in time
     */
    List<String> run(String command) throws IOException, InterruptedException {
        String marker = MARKER + (++sequence);
        process.send(command);
        process.send("echo " + marker);
        long deadline = System.nanoTime() + timeoutNanos;
        List<String> answer = new ArrayList<>();
        while (true) {
            String line = process.nextLine(deadline);
            if (line == null) {
                throw new IllegalStateException(noAnswer(command));
            }
            String text = stripPrompt(line);
            if (text.equals(marker)) {
                return answer;
            }
            if (!text.isEmpty() && !text.contains("echo " + MARKER)) {
                answer.add(text);
            }
        }
    }

    /** Removes Gogo prompts ({@code g! }) from the start of an output line, and trims it. */
    static String stripPrompt(String line) {
        String text = line.strip();
        while (text.startsWith("g!")) {
            text = text.substring(2).strip();
        }
        return text;
    }

    private String noAnswer(String command) throws InterruptedException {
        String state = !process.hasEnded() ? "gave no answer within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNanos)
                + " s" : "exited";
        return process.name() + " " + state + " to '" + command + "'; last output: " + process.recentOutput();
    }
}
