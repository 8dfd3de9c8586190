package org.danian.distribution.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/danian experiment} across nodes, with network namespaces as the nodes: a server
 * namespace (198.18.7.1) and a client namespace (198.18.7.2) joined by a veth pair, an OpenSSH
 * {@code sshd} this test starts in each on keys it generates. The runner itself runs in the
 * client namespace ({@code ip netns exec}), so it reaches both nodes over the veth's addresses
 * only; it starts {@code serve} and then the baseline server on the server node, and two
 * clients per point on the client node, all over ssh, as it would on a testbed
 * (docs/testbed.md). Needs root, iproute2 and OpenSSH:
 * missing ones skip the test, or fail it when {@code DANIAN_REQUIRE_DPDK=true} (CI, whose
 * .ci/run installs them). The namespaces and the sshd processes are removed in every case.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MultiNodeExperimentIT {

    private static final String SERVER_IP = "198.18.7.1";
    private static final String CLIENT_IP = "198.18.7.2";
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    @TempDir
    Path work;

    @Test
    void experimentDrivesAServerAndTwoClientsOverSshBetweenNamespaces() throws Exception {
        requirePrerequisites();
        Path tree = Path.of(System.getProperty("danian.distribution.tree")).toAbsolutePath();
        String suffix = Long.toString(ProcessHandle.current().pid() % 1_000_000);
        String serverNs = "danian-mns-" + suffix;
        String clientNs = "danian-mnc-" + suffix;
        List<Process> sshds = new ArrayList<>();
        Thread cleanUp = new Thread(() -> cleanUp(sshds, serverNs, clientNs), "multinode-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanUp);
        try {
            createNamespaces(serverNs, clientNs, suffix);
            Path keys = Files.createDirectories(work.resolve("ssh"));
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("host_key").toString());
            run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", keys.resolve("runner_key").toString());
            Files.copy(keys.resolve("runner_key.pub"), keys.resolve("authorized_keys"));
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation directory
            sshds.add(startSshd(serverNs, SERVER_IP, keys));
            sshds.add(startSshd(clientNs, CLIENT_IP, keys));
            Path sshConfig = clientConfig(keys);

            Path out = work.resolve("results");
            List<String> command = List.of("ip", "netns", "exec", clientNs, tree.resolve("bin/danian").toString(),
                    "experiment", "--quick", "--workload", "netperf", "--policies", "danian,baseline",
                    "--server", "root@" + SERVER_IP, "--clients", "root@" + CLIENT_IP + ",root@" + CLIENT_IP,
                    "--server-address", SERVER_IP, "--remote-home", tree.toString(),
                    "--ssh-config", sshConfig.toString(), "--out", out.toString());
            Result result = runRunner(command);
            System.out.println(result); // the runner's progress and summary, for the build log

            assertEquals(0, result.exitCode, result::toString);
            JsonObject nodes = JsonParser.parseString(Files.readString(out.resolve("nodes.json"))).getAsJsonObject();
            assertEquals("root@" + SERVER_IP, nodes.get("server").getAsString(), nodes::toString);
            assertEquals(2, nodes.getAsJsonArray("server_sides").size(), nodes::toString);
            for (JsonElement side : nodes.getAsJsonArray("server_sides")) {
                String listening = side.getAsJsonObject().getAsJsonObject("listening").get("netperf").getAsString();
                // The server bound the server namespace's own address: it ran there, as nothing else has it.
                assertTrue(listening.startsWith(SERVER_IP + ":"), () -> side + "\n" + result);
            }
            for (String policy : List.of("danian", "baseline")) {
                List<Map<String, String>> rows = csv(out.resolve("netperf-" + policy + ".csv"));
                assertEquals(2, rows.size(), () -> rows + "\n" + result);
                for (Map<String, String> row : rows) {
                    assertTrue(Double.parseDouble(row.get("rps")) > 0, () -> "no throughput: " + row);
                    assertEquals(row.get("point"), row.get("threads"), () -> "both clients' threads merged: " + row);
                    assertTrue(Double.parseDouble(row.get("server_cpu_ms")) > 0, () -> "remote CPU not read: " + row);
                    String name = "client-netperf-" + policy + "-" + row.get("point") + "-r1";
                    for (int client = 1; client <= 2; client++) {
                        Path log = out.resolve("logs").resolve(name + "-" + client + ".log");
                        assertTrue(Files.readString(log).contains("latency_histogram"), () -> log + " has no result");
                    }
                }
            }
            String runInfo = Files.readString(out.resolve("run-info.txt"));
            assertTrue(runInfo.contains("server node: root@" + SERVER_IP), runInfo);
            assertFalse(runInfo.contains("did not stop cleanly"), runInfo);
            assertOnlySshdLeft(serverNs, sshds.get(0));
            assertOnlySshdLeft(clientNs, sshds.get(1));
        } finally {
            cleanUp(sshds, serverNs, clientNs);
            Runtime.getRuntime().removeShutdownHook(cleanUp);
        }
    }

    private static void requirePrerequisites() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        if (!"0".equals(output("id", "-u").strip())) {
            missing.add("root");
        }
        if (!Files.isExecutable(SSHD)) {
            missing.add(SSHD + " (openssh-server)");
        }
        for (String tool : List.of("ssh", "ssh-keygen", "ip")) {
            if (output("sh", "-c", "command -v " + tool).isBlank()) {
                missing.add(tool);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        if ("true".equals(System.getenv("DANIAN_REQUIRE_DPDK"))) {
            throw new AssertionError("DANIAN_REQUIRE_DPDK=true (CI requires the prerequisites) but missing: " + missing);
        }
        Assumptions.abort("skipped, missing: " + missing + " (set DANIAN_REQUIRE_DPDK=true to make this a failure)");
    }

    private static void createNamespaces(String serverNs, String clientNs, String suffix)
            throws IOException, InterruptedException {
        String serverEnd = "dmns" + suffix;
        String clientEnd = "dmnc" + suffix;
        run("ip", "netns", "add", serverNs);
        run("ip", "netns", "add", clientNs);
        run("ip", "link", "add", serverEnd, "netns", serverNs, "type", "veth", "peer", "name", clientEnd,
                "netns", clientNs);
        run("ip", "-n", serverNs, "addr", "add", SERVER_IP + "/30", "dev", serverEnd);
        run("ip", "-n", clientNs, "addr", "add", CLIENT_IP + "/30", "dev", clientEnd);
        for (String[] end : new String[][] {{serverNs, serverEnd}, {clientNs, clientEnd}}) {
            run("ip", "-n", end[0], "link", "set", "lo", "up");
            run("ip", "-n", end[0], "link", "set", end[1], "up");
        }
    }

    /** sshd on port 22 of {@code address} inside {@code namespace}, on the generated keys only. */
    private static Process startSshd(String namespace, String address, Path keys)
            throws IOException, InterruptedException {
        Path config = keys.resolve("sshd_config-" + address);
        Files.write(config, List.of("ListenAddress " + address, "Port 22",
                "HostKey " + keys.resolve("host_key"), "AuthorizedKeysFile " + keys.resolve("authorized_keys"),
                "StrictModes no", "PermitRootLogin prohibit-password", "UsePAM no", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PidFile none"));
        Path log = keys.resolve("sshd-" + address + ".log");
        Process sshd = new ProcessBuilder("ip", "netns", "exec", namespace, SSHD.toString(), "-D", "-e",
                "-f", config.toString()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Files.readString(log).contains("Server listening")) {
            if (!sshd.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("sshd in " + namespace + " did not start: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        return sshd;
    }

    /** The runner's ssh configuration: the generated key, and the host key as the only known one. */
    private static Path clientConfig(Path keys) throws IOException {
        String hostKey = Files.readString(keys.resolve("host_key.pub")).strip().split("\\s+", 3)[0] + " "
                + Files.readString(keys.resolve("host_key.pub")).strip().split("\\s+", 3)[1];
        Files.write(keys.resolve("known_hosts"), List.of(SERVER_IP + " " + hostKey, CLIENT_IP + " " + hostKey));
        Path config = keys.resolve("ssh_config");
        Files.write(config, List.of("Host *", "  IdentityFile " + keys.resolve("runner_key"), "  IdentitiesOnly yes",
                "  UserKnownHostsFile " + keys.resolve("known_hosts"), "  StrictHostKeyChecking yes",
                "  ConnectTimeout 10"));
        return config;
    }

    /** The processes in {@code namespace} come down to its sshd: nothing the runner started is left. */
    private static void assertOnlySshdLeft(String namespace, Process sshd) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Set<String> pids = Set.of();
        while (System.nanoTime() < deadline) {
            pids = Arrays.stream(output("ip", "netns", "pids", namespace).split("\\s+")).filter(p -> !p.isBlank())
                    .collect(Collectors.toSet());
            if (pids.equals(Set.of(Long.toString(sshd.pid())))) {
                return;
            }
            Thread.sleep(100);
        }
        Set<String> left = pids;
        throw new AssertionError("processes left in " + namespace + " besides sshd " + sshd.pid() + ": " + left
                + " " + output("ps", "-o", "pid,args", "-p", String.join(",", left)));
    }

    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private record Result(int exitCode, String output) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n" + output;
        }
    }

    private Result runRunner(List<String> command) throws IOException, InterruptedException {
        Path output = work.resolve("runner-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().remove("DANIAN_JAVA_OPTS");
        Process runner = builder.start();
        try {
            if (!runner.waitFor(150, TimeUnit.SECONDS)) {
                throw new AssertionError("the runner still runs after 150 s\n" + Files.readString(output));
            }
            return new Result(runner.exitValue(), Files.readString(output));
        } finally {
            runner.descendants().forEach(ProcessHandle::destroyForcibly);
            runner.destroyForcibly();
        }
    }

    private static void cleanUp(List<Process> sshds, String serverNs, String clientNs) {
        for (Process sshd : sshds) {
            sshd.descendants().forEach(ProcessHandle::destroyForcibly);
            sshd.destroyForcibly();
        }
        for (String namespace : List.of(serverNs, clientNs)) {
            try {
                // Whatever still runs in the namespace (a session the runner left) goes with it.
                for (String pid : output("ip", "netns", "pids", namespace).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
                new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException | RuntimeException e) {
                // the namespace may never have been created
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output);
        }
    }

    private static String output(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return output;
    }
}
