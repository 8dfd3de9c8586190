package org.danian.workloads.experiment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The experiment runner's options for running across nodes (docs/testbed.md): the server
 * and the clients each on this machine or on a node reached with OpenSSH, how ssh is called,
 * the address the clients reach the server at and where Danian is installed on the nodes.
 * {@link #resolve} checks them all before anything runs; a bad value is named in the error.
 */
final class NodeOptions {

    /** An IPv4 address in dotted decimal, or an IPv6 address: the only forms --server-address takes. */
    private static final Pattern IP_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    @Option(names = "--server", paramLabel = "[USER@]HOST[:PORT]",
            description = "run the server on this node, reached with ssh (default: this machine)")
    String server;

    @Option(names = "--clients", paramLabel = "[USER@]HOST[:PORT],...",
            description = "run the clients on these nodes, reached with ssh, each point's load split between"
                    + " them; a node named twice runs two clients (default: one client on this machine)")
    String clients;

    @Option(names = "--server-address", paramLabel = "IP",
            description = "the server's IP address as the clients reach it; the server binds it"
                    + " (required when the server or a client runs on another node)")
    String serverAddress;

    @Option(names = "--remote-home", paramLabel = "DIR",
            description = "the Danian distribution folder on the nodes (default: the same path as --danian-home)")
    Path remoteHome;

    @Option(names = "--ssh-option", paramLabel = "KEY=VALUE",
            description = "an option for ssh (-o KEY=VALUE), repeatable; BatchMode=yes is always given")
    List<String> sshOptions = new ArrayList<>();

    @Option(names = "--ssh-identity", paramLabel = "FILE", description = "the private key ssh uses (-i)")
    Path sshIdentity;

    @Option(names = "--ssh-config", paramLabel = "FILE",
            description = "an ssh configuration file used instead of ~/.ssh/config (-F)")
    Path sshConfig;

    /**
     * The checked nodes.
     *
     * @param localHome the distribution folder on this machine, or null if none is known
     * @throws ParameterException naming the bad value
     */
    ExperimentNodes resolve(CommandSpec spec, Path localHome) {
        checkFile(spec, "--ssh-identity", sshIdentity);
        checkFile(spec, "--ssh-config", sshConfig);
        SshSettings ssh;
        try {
            ssh = new SshSettings(sshConfig, sshIdentity, sshOptions);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--ssh-option': "
                    + e.getMessage());
        }
        ExperimentNode serverNode = server == null ? ExperimentNode.LOCAL : node(spec, "--server", server, ssh);
        List<ExperimentNode> clientNodes = new ArrayList<>();
        if (clients == null) {
            clientNodes.add(ExperimentNode.LOCAL);
        } else {
            for (String client : clients.split(",", -1)) {
                clientNodes.add(node(spec, "--clients", client.strip(), ssh));
            }
        }
        boolean remote = !serverNode.isLocal() || clientNodes.stream().anyMatch(n -> !n.isLocal());
        String address = serverAddress == null ? null : ipLiteral(spec, serverAddress);
        if (remote && address == null) {
            throw new ParameterException(spec.commandLine(), "Missing option '--server-address': the server runs on "
                    + serverNode.label() + " and the clients on " + clientNodes.stream().map(ExperimentNode::label)
                    .toList() + "; give the IP address the clients reach the server at");
        }
        Path home = remoteHome != null ? remoteHome : localHome;
        if (remote && home == null) {
            throw new ParameterException(spec.commandLine(), "Missing option '--remote-home': no Danian distribution"
                    + " folder is known here to default to; give its path on the nodes");
        }
        if (remoteHome != null && !remoteHome.isAbsolute()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--remote-home': '"
                    + remoteHome + "' (expected an absolute path on the nodes)");
        }
        return new ExperimentNodes(serverNode, clientNodes, address, remote ? home.toAbsolutePath() : null);
    }

    private static ExperimentNode node(CommandSpec spec, String option, String value, SshSettings ssh) {
        try {
            return ExperimentNode.parse(value, ssh);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': "
                    + e.getMessage());
        }
    }

    private static String ipLiteral(CommandSpec spec, String value) {
        if (IP_LITERAL.matcher(value).matches()) {
            try {
                // A literal is parsed, never looked up.
                return InetAddress.getByName(value).getHostAddress();
            } catch (UnknownHostException e) {
                // falls through to the error below
            }
        }
        throw new ParameterException(spec.commandLine(), "Invalid value for option '--server-address': '" + value
                + "' (expected an IP address, e.g. 198.18.7.1)");
    }

    private static void checkFile(CommandSpec spec, String option, Path file) {
        if (file != null && !Files.isReadable(file)) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '" + file
                    + "' (no readable file there)");
        }
    }
}
