package org.danian.workloads.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multi-node options of {@code experiment}: a bad value ends with status 2 and a message
 * naming it, before any node is contacted; {@code --help} lists them.
 */
class NodeOptionsTest {

    @TempDir
    Path folder;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void helpListsTheNodeOptions() {
        assertEquals(0, run("--help"));
        String help = out.toString(StandardCharsets.UTF_8);
        for (String option : new String[] {"--server", "--clients", "--server-address", "--remote-home",
                "--ssh-option", "--ssh-identity", "--ssh-config"}) {
            assertTrue(help.contains(option), option + " missing from:\n" + help);
        }
    }

    @Test
    void aServerThatIsNotADestination() {
        assertEquals(2, run("--policies", "baseline", "--server=-oProxyCommand=x", "--server-address", "10.0.0.1"));
        assertTrue(error().contains("Invalid value for option '--server': '-oProxyCommand=x'"), error());
        assertTrue(error().contains("[user@]host[:port]"), error());
    }

    @Test
    void anSshPortOutOfRange() {
        assertEquals(2, run("--policies", "baseline", "--server", "root@node1:70000", "--server-address", "10.0.0.1"));
        assertTrue(error().contains("'root@node1:70000' (the ssh port is not in 1..65535)"), error());
    }

    @Test
    void anEmptyClientInTheList() {
        assertEquals(2, run("--policies", "baseline", "--clients", "node2,", "--server-address", "10.0.0.1"));
        assertTrue(error().contains("Invalid value for option '--clients': ''"), error());
    }

    @Test
    void aRemoteServerNeedsTheAddressTheClientsUse() {
        assertEquals(2, run("--policies", "baseline", "--server", "root@node1", "--remote-home", "/opt/danian"));
        assertTrue(error().contains("Missing option '--server-address'"), error());
        assertTrue(error().contains("root@node1"), error());
    }

    @Test
    void remoteClientsNeedTheAddressToo() {
        assertEquals(2, run("--policies", "baseline", "--clients", "node2,node3", "--remote-home", "/opt/danian"));
        assertTrue(error().contains("Missing option '--server-address'"), error());
        assertTrue(error().contains("[node2, node3]"), error());
    }

    @Test
    void aServerAddressThatIsNotAnIpAddress() {
        assertEquals(2, run("--policies", "baseline", "--server", "node1", "--server-address", "node1.example",
                "--remote-home", "/opt/danian"));
        assertTrue(error().contains("Invalid value for option '--server-address': 'node1.example'"), error());
    }

    @Test
    void aRelativeRemoteHome() {
        assertEquals(2, run("--policies", "baseline", "--server", "node1", "--server-address", "198.18.7.1",
                "--remote-home", "opt/danian"));
        assertTrue(error().contains("Invalid value for option '--remote-home': 'opt/danian'"), error());
    }

    @Test
    void aMalformedSshOption() {
        assertEquals(2, run("--policies", "baseline", "--server", "node1", "--server-address", "198.18.7.1",
                "--remote-home", "/opt/danian", "--ssh-option", "-p 22"));
        assertTrue(error().contains("Invalid value for option '--ssh-option'"), error());
        assertTrue(error().contains("'-p 22'"), error());
    }

    @Test
    void aMissingIdentityFile() {
        Path missing = folder.resolve("no-key");
        assertEquals(2, run("--policies", "baseline", "--server", "node1", "--server-address", "198.18.7.1",
                "--remote-home", "/opt/danian", "--ssh-identity", missing.toString()));
        assertTrue(error().contains("Invalid value for option '--ssh-identity': '" + missing + "'"), error());
    }

    @Test
    void theNodesResolveWithTheirSshSettings() throws IOException {
        Path key = Files.writeString(folder.resolve("key"), "not really a key");
        NodeOptions options = new NodeOptions();
        options.server = "root@198.18.7.1:2222";
        options.clients = "198.18.7.2, bob@node3";
        options.serverAddress = "198.18.7.1";
        options.sshIdentity = key;
        options.sshOptions.add("ConnectTimeout=5");
        ExperimentNodes nodes = options.resolve(new picocli.CommandLine(new ExperimentRunner()).getCommandSpec(),
                Path.of("/opt/danian-1"));

        assertEquals("root@198.18.7.1:2222", nodes.server().label());
        assertEquals(2222, nodes.server().port());
        assertEquals(java.util.List.of("198.18.7.2", "bob@node3"),
                nodes.clients().stream().map(ExperimentNode::label).toList());
        assertEquals(Path.of("/opt/danian-1"), nodes.remoteHome(), "the local home's path by default");
        assertEquals(new SshSettings(null, key, java.util.List.of("ConnectTimeout=5")), nodes.server().ssh());
        assertTrue(nodes.lines().contains("server node: root@198.18.7.1:2222"), nodes.lines().toString());
        assertTrue(nodes.lines().contains("server address: 198.18.7.1"), nodes.lines().toString());
    }

    @Test
    void withoutNodeOptionsEverythingIsLocal() {
        ExperimentNodes nodes = new NodeOptions().resolve(
                new picocli.CommandLine(new ExperimentRunner()).getCommandSpec(), null);

        assertTrue(nodes.server().isLocal());
        assertEquals(1, nodes.clients().size());
        assertTrue(nodes.clients().get(0).isLocal());
        assertEquals(null, nodes.serverAddress());
        assertEquals(null, nodes.remoteHome());
        assertFalse(nodes.lines().isEmpty());
    }

    private int run(String... args) {
        return ExperimentRunner.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), JavaLauncher.current(), Sweep.quick(), args);
    }

    private String error() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
