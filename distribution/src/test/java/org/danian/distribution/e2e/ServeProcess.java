package org.danian.distribution.e2e;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
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

    private final Process process;
    private final PipedShell shell;
    final Map<String, Integer> ports = new LinkedHashMap<>();

    private ServeProcess(Process process) {
        this.process = process;
        this.shell = new PipedShell(process, "danian-serve");
    }

    /** Starts {@code bin/danian serve args…} and waits until {@code workloads} are listening. */
    static ServeProcess start(Path launcher, Path workingDirectory, Path data, int workloads, String... args)
            throws IOException, InterruptedException {
        Path kernelConfig = data.resolve("config").resolve("org").resolve("danian").resolve("kernel.config");
        Files.createDirectories(kernelConfig.getParent());
        if (!Files.exists(kernelConfig)) { // a restart on the same data keeps what the last run saved
            // Felix ConfigAdmin's file format: the kernel reads pinThreads at start only.
            Files.writeString(kernelConfig, "service.pid=\"org.danian.kernel\"\nservice.bundleLocation=\"?\"\n"
                    + "pinThreads=B\"false\"\n");
        }
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
        Matcher ready = READY.matcher(shell.output());
        while (ready.find()) {
            ports.put(ready.group(1), Integer.parseInt(ready.group(3)));
        }
        return ports.size();
    }

    /** Sends {@code command}; returns its answer (see {@link PipedShell#command}). */
    String command(String command) throws IOException, InterruptedException {
        return shell.command(command);
    }

    String output() {
        return shell.output();
    }

    /** SIGTERM; the exit status, waiting at most 30 s. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("bin/danian serve did not stop within 30 s of SIGTERM:\n" + output());
        }
        shell.awaitOutputEnd(5_000);
        return process.exitValue();
    }

    /**
     * Sends {@code count} datagrams too short for any workload's protocol to {@code port} on the
     * loopback, {@code gapMillis} apart: each is steered to a kthread, which counts it malformed.
     */
    static void sendShortDatagrams(int port, int count, long gapMillis) throws IOException, InterruptedException {
        try (DatagramSocket client = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    Thread.sleep(gapMillis);
                }
                client.send(new DatagramPacket(new byte[] {1, 2, 3}, 3, InetAddress.getLoopbackAddress(), port));
            }
        }
    }

    /**
     * Polls {@code danian:stats --json} until the packet path steered {@code requests} datagrams
     * (within 30 s); returns its hand-off counters then.
     */
    JsonObject awaitSteered(long requests) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            JsonObject handOffs = ShellJson.read(command("danian:stats --json"), JsonObject.class)
                    .getAsJsonObject("handOffs");
            if (handOffs.get("requests").getAsLong() >= requests) {
                return handOffs;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the packet path steered fewer than " + requests + " datagrams: " + handOffs);
            }
            Thread.sleep(20);
        }
    }

    /** The PID of the Java process the launcher runs (the launcher's own if it replaced itself). */
    long javaPid() {
        return process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false))
                .findFirst().map(ProcessHandle::pid).orElse(process.pid());
    }

    /**
     * SIGKILL to the launcher and the Java process it runs, as an operator's {@code kill -9} of
     * the service: nothing of the server's own shutdown runs. Waits until both are gone.
     */
    void kill() throws InterruptedException {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            handle.onExit().completeOnTimeout(handle, 10, TimeUnit.SECONDS).join();
        }
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() || process.descendants().findAny().isPresent()) {
            kill();
        }
    }
}
