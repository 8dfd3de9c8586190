package org.danian.driver.dpdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A veth pair whose client end lives in a network namespace of its own, with addresses from
 * the benchmarking range 198.18.0.0/15 (RFC 2544): the driver takes the root-namespace end
 * through DPDK's af_packet device, clients run in the namespace with {@code ip netns exec}.
 * IPv6 is off on both ends so that no neighbour-discovery frames reach the driver. The client
 * end computes its UDP checksums in full ({@code ethtool -K … tx off}): with transmit offload
 * a veth leaves them partial, and the driver, which DPDK's af_packet device tells nothing of
 * the checksum, would drop them as bad. Deleting the namespace deletes both ends.
 */
final class VethNamespace implements AutoCloseable {

    static final String CLIENT_IP = "198.18.0.1";
    static final String DRIVER_IP = "198.18.0.2";

    final String namespace;
    final String hostEnd;
    final String clientEnd;

    private VethNamespace(String suffix) {
        namespace = "danian-dpdk-" + suffix;
        hostEnd = "ddh" + suffix;
        clientEnd = "ddc" + suffix;
    }

    /** Creates the namespace and the pair, named after this process so parallel runs do not collide. */
    static VethNamespace create() throws IOException, InterruptedException {
        VethNamespace veth = new VethNamespace(Long.toString(ProcessHandle.current().pid() % 1_000_000));
        try {
            veth.run("ip", "netns", "add", veth.namespace);
            veth.run("ip", "-n", veth.namespace, "link", "set", "lo", "up");
            veth.run("ip", "link", "add", veth.hostEnd, "type", "veth", "peer", "name", veth.clientEnd, "netns",
                    veth.namespace);
            veth.run("sysctl", "-qw", "net.ipv6.conf." + veth.hostEnd + ".disable_ipv6=1");
            veth.run("ip", "link", "set", veth.hostEnd, "up");
            veth.inNamespace("sysctl", "-qw", "net.ipv6.conf." + veth.clientEnd + ".disable_ipv6=1");
            veth.inNamespace("ethtool", "-K", veth.clientEnd, "tx", "off");
            veth.run("ip", "-n", veth.namespace, "addr", "add", CLIENT_IP + "/24", "dev", veth.clientEnd);
            veth.run("ip", "-n", veth.namespace, "link", "set", veth.clientEnd, "up");
            return veth;
        } catch (IOException | RuntimeException e) {
            veth.close();
            throw e;
        }
    }

    /** The host end's Ethernet address, which the af_packet port takes. */
    String hostMac() throws IOException {
        return Files.readString(Path.of("/sys/class/net", hostEnd, "address")).trim();
    }

    /** Runs a command in the namespace; returns its standard output (fails on a non-zero exit). */
    String inNamespace(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        full.addAll(List.of(command));
        return run(full.toArray(new String[0]));
    }

    String run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + text);
        }
        return text;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("ip", "netns", "del", namespace).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
    }
}
