package org.danian.workloads.baseline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baseline server in a child JVM, started as a user would start it (its main class and
 * command line), for tests that need a separate process: signals, and third-party clients.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("listening workload=(\\w+) address=(\\S+) port=(\\d+)");

    private final Process process;
    private final Path stderr;
    final String readyLine;
    final int port;

    private ServerProcess(Process process, Path stderr, String readyLine, int port) {
        this.process = process;
        this.stderr = stderr;
        this.readyLine = readyLine;
        this.port = port;
    }

    /** Starts the server with {@code args} and waits for its "listening" line. */
    static ServerProcess start(String... args) throws IOException {
        String classpath = System.getProperty("workloads.classes") + java.io.File.pathSeparator
                + Files.readString(Path.of(System.getProperty("workloads.classpath.file"))).trim();
        Path stderr = Files.createTempFile("baseline-server", ".err");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", classpath, BaselineServer.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null) {
            throw new IOException("server exited before listening: " + Files.readString(stderr));
        }
        Matcher ready = READY.matcher(line);
        assertTrue(ready.matches(), "ready line: " + line);
        return new ServerProcess(process, stderr, line, Integer.parseInt(ready.group(3)));
    }

    /** Sends SIGTERM and returns the exit status (waits at most 20 s). */
    int terminate() throws InterruptedException {
        process.destroy(); // SIGTERM on Linux
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("server did not stop within 20 s of SIGTERM");
        }
        return process.exitValue();
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    @Override
    public void close() throws IOException {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
        Files.deleteIfExists(stderr);
    }
}
