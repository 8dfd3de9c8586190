package org.danian.workloads.cli;

import java.io.PrintStream;
import java.io.PrintWriter;

import picocli.CommandLine;

/** Runs a picocli command with its usage, results and errors on the given streams. */
public final class CommandLines {

    private CommandLines() {
    }

    /**
     * Parses {@code args} into {@code command} and runs it.
     *
     * @return the exit status: the command's own, or 2 for a bad argument (picocli's usage error)
     */
    public static int execute(Object command, PrintStream out, PrintStream err, String... args) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }
}
