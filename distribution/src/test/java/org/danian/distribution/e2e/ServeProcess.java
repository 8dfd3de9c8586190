package org.danian.distribution.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/danian serve …} of an unpacked distribution in its own process, driven as the
 * experiment runner drives it: the ready lines {@code <workload> <address> <port>} read from
 * standard output, shell commands written to standard input, each followed by
 * {@code echo <marker>} to find the end of its answer, SIGTERM to stop.
 *
 * <p>Its configuration lives in a data folder of the test's own ({@code -Ddanian.data}),
 * where the kernel is told not to pin its threads: on a shared two-core machine a kthread
 * pinned to the one worker core waits behind whatever else runs there, which turns a
 * scheduling hiccup into lost packets. Testbed nodes keep pinning (the default).
 */
final class ServeProcess implements AutoCloseable {

    private static final Pattern READY = Pattern.compile("(?m)^(synthetic|netperf) (\\S+) (\\d+)$");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final OutputStream stdin;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    private int markers;
    final Map<String, Integer> ports = new LinkedHashMap<>();

    private ServeProcess(Process process) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.reader = new Thread(this::pump, "danian-serve-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code bin/danian serve args…} and waits until {@code workloads} are listening. */
    static ServeProcess start(Path launcher, Path workingDirectory, Path data, int workloads, String... args)
            throws IOException, InterruptedException {
        Path kernelConfig = data.resolve("config").resolve("org").resolve("danian").resolve("kernel.config");
        Files.createDirectories(kernelConfig.getParent());
        // Felix ConfigAdmin's file format: the kernel reads pinThreads at start only.
        Files.writeString(kernelConfig, "service.pid=\"org.danian.kernel\"\nservice.bundleLocation=\"?\"\n"
                + "pinThreads=B\"false\"\n");
        List<String> command = new ArrayList<>(List.of("serve"));
        command.addAll(List.of(args));
        ProcessBuilder builder = DanianProcess.builder(launcher, workingDirectory, command.toArray(new String[0]))
                .redirectErrorStream(true);
        builder.environment().put("DANIAN_JAVA_OPTS", "-Ddanian.data=" + data);
        ServeProcess serve = new ServeProcess(builder.start());
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (serve.readyPorts() < workloads) {
            if (!serve.process.isAlive() || System.nanoTime() > deadline) {
                serve.close();
                throw new AssertionError("bin/danian serve did not report " + workloads + " servers:\n" + serve.output());
            }
            Thread.sleep(50);
        }
        return serve;
    }

    private int readyPorts() {
        Matcher ready = READY.matcher(output);
        while (ready.find()) {
            ports.put(ready.group(1), Integer.parseInt(ready.group(3)));
        }
        return ports.size();
    }

    /** Sends {@code command} then {@code echo <marker>}; returns what was printed in between. */
    String command(String command) throws IOException, InterruptedException {
        String marker = "serve-it-marker-" + (++markers);
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

    private void send(String line) throws IOException {
        stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    String output() {
        return output.toString();
    }

    /** SIGTERM; the exit status, waiting at most 30 s. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("bin/danian serve did not stop within 30 s of SIGTERM:\n" + output());
        }
        reader.join(5_000);
        return process.exitValue();
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

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
