package org.danian.workloads.experiment;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * A server process the runner talks to by lines: standard error is merged into standard
 * output, so the two keep their relative order; a reader thread copies every line to a log
 * file and hands it to {@link #nextLine}. Standard input stays open for commands.
 *
 * <p>Threads: {@link #nextLine}, {@link #send} and {@link #stop} are called by the runner's
 * thread only; the reader thread only appends to the log, the queue and the recent-lines
 * window (guarded by its own lock), and sets the remote pid once (a volatile field).
 *
 * <p>On a remote node ({@link ExperimentNode}) the process here is ssh; the CPU time is the
 * remote process's, and {@link #stop} closes the input, on which the node's wrapper stops the
 * remote command.
 */
final class ChildProcess {

    /** How long {@link #hasEnded()} waits for a process whose output has ended. */
    private static final long EXIT_GRACE_MILLIS = 2_000;

    private static final int RECENT_LINES = 20;
    /** Queued by the reader after the last line: the output has ended. Compared by identity. */
    private static final String END = new String("end of output");

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> recent = new ArrayDeque<>();
    private final Thread reader;
    private final ExperimentNode node;
    /** The process id on a remote node, once the node's wrapper printed it; 0 until then. */
    private volatile long remotePid;

    private ChildProcess(String name, ExperimentNode node, Process process, Path log) throws IOException {
        this.name = name;
        this.node = node;
        this.process = process;
        this.stdin = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8);
        this.reader = new Thread(() -> copyLines(logWriter), name + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command}; its output goes to {@code log} (created or truncated). */
    static ChildProcess start(String name, List<String> command, Path log) throws IOException {
        return start(name, ExperimentNode.LOCAL, command, log);
    }

    /** Starts {@code command} on {@code node} (see {@link ExperimentNode#command}). */
    static ChildProcess start(String name, ExperimentNode node, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(node.command(command)).redirectErrorStream(true).start();
        return new ChildProcess(name + (node.isLocal() ? "" : " on " + node.label()), node, process, log);
    }

    String name() {
        return name;
    }

    ProcessHandle handle() {
        return process.toHandle();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Whether the process has ended, waiting a moment for it: once its output has reached its
     * end (as {@link #nextLine} reports), a dying process may not have been reaped yet, and
     * {@link #isAlive()} alone would call it alive.
     */
    boolean hasEnded() throws InterruptedException {
        return process.waitFor(EXIT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * CPU time of the process and its descendants so far (on a remote node: of the remote
     * process, read over ssh); empty where it cannot be read.
     */
    OptionalLong cpuNanos() {
        if (node.isLocal()) {
            return ProcessCpu.nanos(process.toHandle());
        }
        long pid = remotePid;
        return pid == 0 ? OptionalLong.empty() : node.cpuNanos(pid);
    }

    /**
     * The next output line, or {@code null} if the output has ended or no line arrives before
     * {@code deadlineNanos} (a {@link System#nanoTime} value).
     */
    String nextLine(long deadlineNanos) throws InterruptedException {
        long wait = deadlineNanos - System.nanoTime();
        String line = wait <= 0 ? lines.poll() : lines.poll(wait, TimeUnit.NANOSECONDS);
        if (line == END) {
            lines.add(END); // every later call sees the end too
            return null;
        }
        return line;
    }

    /** Writes one line to the process's standard input. */
    void send(String line) throws IOException {
        stdin.write(line);
        stdin.write('\n');
        stdin.flush();
    }

    /** The last lines the process printed, for error messages. */
    String recentOutput() {
        synchronized (recent) {
            return recent.isEmpty() ? "(no output)" : String.join(" | ", recent);
        }
    }

    /**
     * SIGTERM to the descendants and the process (a launcher script that does not exec its JVM
     * would otherwise leave it running), then waits up to {@code graceSeconds}; what still runs
     * is killed. Returns the exit status, or -1 if it had to be killed.
     *
     * <p>The signals go through {@link ProcessHandle}, not {@link Process#destroy}: the latter
     * also closes the pipes, so the process would lose what it prints while stopping (and die
     * of SIGPIPE writing it).
     */
    int stop(long graceSeconds) throws InterruptedException {
        if (!node.isLocal() && stopByClosingInput(graceSeconds)) {
            reader.join(TimeUnit.SECONDS.toMillis(graceSeconds));
            return process.exitValue();
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        descendants.forEach(ProcessHandle::destroy);
        process.toHandle().destroy();
        boolean ended = process.waitFor(graceSeconds, TimeUnit.SECONDS);
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        if (!ended) {
            process.toHandle().destroyForcibly();
            process.waitFor(graceSeconds, TimeUnit.SECONDS);
        }
        reader.join(TimeUnit.SECONDS.toMillis(graceSeconds)); // the log holds the last lines once stop returns
        return ended ? process.exitValue() : -1;
    }

    /**
     * A remote command ends when its standard input does (see {@link ExperimentNode}): the
     * node's wrapper sends it SIGTERM and ssh brings back its exit status. Whether it ended
     * in time; if not, the caller kills ssh, which ends the remote command all the same.
     */
    private boolean stopByClosingInput(long graceSeconds) throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException e) {
            return false;
        }
        return process.waitFor(graceSeconds + 5, TimeUnit.SECONDS);
    }

    private void copyLines(Writer log) {
        try (log; BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                log.write(line);
                log.write('\n');
                log.flush();
                remember(line);
                if (remotePid == 0 && !node.isLocal()) {
                    Matcher pid = ExperimentNode.PID_LINE.matcher(line.strip());
                    if (pid.matches()) {
                        remotePid = Long.parseLong(pid.group(1));
                    }
                }
                lines.add(line);
            }
        } catch (IOException e) {
            remember("(output unreadable: " + e.getMessage() + ")");
        } finally {
            lines.add(END);
        }
    }

    private void remember(String line) {
        synchronized (recent) {
            if (recent.size() == RECENT_LINES) {
                recent.removeFirst();
            }
            recent.addLast(line);
        }
    }
}
