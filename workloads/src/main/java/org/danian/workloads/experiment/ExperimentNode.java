package org.danian.workloads.experiment;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a process of the experiment runs: this machine ({@link #LOCAL}), or a node reached the
 * way testbeds are driven, with OpenSSH's {@code ssh} client: no protocol of our own, no shell
 * left open on the node. A remote command is the same command line as a local one, run by the
 * node's shell.
 *
 * <p>Remote processes end with the runner. ssh without {@code -tt} gives the remote process no
 * terminal, so nothing sends it SIGHUP when the connection drops; and {@code bin/danian serve}
 * deliberately outlives the end of its standard input. So every remote command runs under
 * {@link #WRAPPER}, a few lines of bash that feed ssh's standard input to the command through a
 * FIFO and, when that input ends (the runner closed it to stop the command, or the runner died
 * and with it the connection), send the command SIGTERM, then SIGKILL after 30 s, and exit
 * with its status. The signal follows the end of input at once, so the runner closes the input
 * only after its last command was answered. A command that ends first (a client) ends the
 * wrapper with its status. The
 * wrapper prints {@code danian-node-pid <pid>} first, so the runner can read the remote
 * process's CPU time.
 *
 * @param user the remote user, or null for ssh's default
 * @param host the host name or address, or null for this machine
 * @param port the ssh port, or 0 for ssh's default (its configuration, else 22)
 * @param ssh how ssh is called
 */
record ExperimentNode(String user, String host, int port, SshSettings ssh) {

    /** This machine: commands run as child processes, as they always did. */
    static final ExperimentNode LOCAL = new ExperimentNode(null, null, 0, SshSettings.DEFAULTS);

    /** The line the wrapper prints first: the remote command's process id. */
    static final Pattern PID_LINE = Pattern.compile("danian-node-pid (\\d+)");

    /** {@code [user@]host[:port]}, the host a name, an IPv4 address or an IPv6 address in brackets. */
    private static final Pattern DESTINATION = Pattern.compile(
            "(?:([A-Za-z0-9._][A-Za-z0-9._-]*)@)?([A-Za-z0-9][A-Za-z0-9.-]*|\\[[0-9A-Fa-f:.]+])(?::(\\d{1,5}))?");

    private static final String WRAPPER = String.join("\n",
            "fifo=$(mktemp -u \"${TMPDIR:-/tmp}/danian-node.XXXXXXXX\") && mkfifo -m 600 \"$fifo\" \"$fifo.tick\""
                    + " || exit 125",
            "trap 'rm -f \"$fifo\" \"$fifo.tick\"' EXIT",
            "exec 3<&0", // ssh's input, before bash points background jobs at /dev/null
            "\"$@\" <\"$fifo\" & pid=$!", // opening the FIFO waits for the feeder: the pid line comes first
            "echo \"danian-node-pid $pid\"",
            "cat <&3 >\"$fifo\" 2>/dev/null & feeder=$!",
            "exec 3<&- 4<>\"$fifo.tick\"",
            // Until the command or the feeder ends; read -t on a FIFO no one writes is a sleep
            // without a process. Not wait -n: it lost a command that ended while bash was still
            // starting the feeder, and then waited for the feeder, that is for ever.
            "while kill -0 \"$pid\" 2>/dev/null && kill -0 \"$feeder\" 2>/dev/null; do read -r -t 0.2 -u 4; done",
            "if kill -0 \"$pid\" 2>/dev/null; then",
            "  kill -TERM \"$pid\"",
            "  for tick in $(seq 300); do kill -0 \"$pid\" 2>/dev/null || break; read -r -t 0.1 -u 4; done",
            "  kill -KILL \"$pid\" 2>/dev/null",
            "else",
            "  kill \"$feeder\" 2>/dev/null",
            "fi",
            "wait \"$pid\"");

    private static final long ONE_SHOT_TIMEOUT_SECONDS = 20;

    /**
     * The node a command-line value names: {@code [user@]host[:port]}.
     *
     * @throws IllegalArgumentException naming the value if it is not one
     */
    static ExperimentNode parse(String value, SshSettings ssh) {
        Matcher matcher = DESTINATION.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + value + "' (expected [user@]host[:port], e.g. root@198.18.7.1"
                    + " or node2:2222)");
        }
        int port = 0;
        if (matcher.group(3) != null) {
            port = Integer.parseInt(matcher.group(3));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("'" + value + "' (the ssh port is not in 1..65535)");
            }
        }
        String host = matcher.group(2);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new ExperimentNode(matcher.group(1), host, port, ssh);
    }

    boolean isLocal() {
        return host == null;
    }

    /** For progress lines and the run's record: {@code local} or {@code user@host:port}. */
    String label() {
        if (isLocal()) {
            return "local";
        }
        return (user == null ? "" : user + "@") + (host.contains(":") ? "[" + host + "]" : host)
                + (port == 0 ? "" : ":" + port);
    }

    /** The command line that runs {@code command} on this node (itself on this machine). */
    List<String> command(List<String> command) {
        if (isLocal()) {
            return List.copyOf(command);
        }
        StringBuilder remote = new StringBuilder("exec bash -c ").append(quote(WRAPPER)).append(" danian-node");
        command.forEach(word -> remote.append(' ').append(quote(word)));
        return ssh(remote.toString());
    }

    /**
     * CPU time (user + system) of the remote process {@code pid}, read from its
     * {@code /proc/<pid>/stat} over one ssh call; empty if it cannot be read.
     */
    OptionalLong cpuNanos(long pid) {
        List<String> lines = oneShot("cat /proc/" + pid + "/stat && getconf CLK_TCK");
        if (lines.size() != 2) {
            return OptionalLong.empty();
        }
        OptionalLong ticks = ProcessCpu.parseTicks(lines.get(0));
        try {
            long hz = Long.parseLong(lines.get(1).strip());
            return ticks.isEmpty() || hz <= 0 ? OptionalLong.empty()
                    : OptionalLong.of(ticks.getAsLong() * 1_000_000_000L / hz);
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Runs a short shell line on the node; its output lines, or none if it failed. */
    private List<String> oneShot(String line) {
        Path output = null;
        try {
            output = Files.createTempFile("danian-node-", ".out");
            // Output to a file, not a pipe: a node that stops answering cannot block the read.
            Process process = new ProcessBuilder(ssh(line)).redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile()).start();
            if (!process.waitFor(ONE_SHOT_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                return List.of();
            }
            return Files.readAllLines(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            deleteQuietly(output);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // a leftover temporary file of a few bytes; nothing to report
        }
    }

    private List<String> ssh(String remoteLine) {
        List<String> arguments = new ArrayList<>(ssh.sshArguments());
        if (port != 0) {
            arguments.add("-p");
            arguments.add(Integer.toString(port));
        }
        arguments.add((user == null ? "" : user + "@") + host);
        arguments.add(remoteLine);
        return arguments;
    }

    /** {@code word} in single quotes for a POSIX shell, each ' written as '\''. */
    static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }
}
