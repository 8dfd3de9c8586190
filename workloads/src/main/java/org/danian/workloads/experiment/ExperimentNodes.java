package org.danian.workloads.experiment;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.danian.workloads.baseline.Workload;

/**
 * Where an experiment's processes run: the server side's node, the client nodes (each point's
 * load is split between them), the address the clients reach the server at, and the
 * distribution folder on remote nodes.
 *
 * @param server the server side's node
 * @param clients the client nodes, in order; a node may appear more than once
 * @param serverAddress the address the server binds and the clients use, or null for the defaults
 *     of a run on this machine alone (the loopback)
 * @param remoteHome the distribution folder on remote nodes, or null if every node is local
 */
record ExperimentNodes(ExperimentNode server, List<ExperimentNode> clients, String serverAddress, Path remoteHome) {

    ExperimentNodes {
        clients = List.copyOf(clients);
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("no client node");
        }
    }

    /** The distribution folder the server side runs from: on its node. */
    Path serverHome(Path localHome) {
        return server.isLocal() ? localHome : remoteHome;
    }

    /** How a JVM is started on {@code node}: this JVM's way here, {@code java} on the PATH with lib/ there. */
    JavaLauncher java(ExperimentNode node, JavaLauncher local) {
        return node.isLocal() ? local : new JavaLauncher(Path.of("java"), remoteHome.resolve("lib") + "/*");
    }

    /** The clients with their launchers. */
    List<ClientRun.ClientHost> clientHosts(JavaLauncher local) {
        return clients.stream().map(node -> new ClientRun.ClientHost(node, java(node, local))).toList();
    }

    /** Lines for {@code run-info.txt}. */
    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("server node: " + server.label());
        lines.add("client nodes: " + clients.stream().map(ExperimentNode::label).toList()
                + " (each point's load split between them)");
        lines.add("server address: " + (serverAddress == null ? "loopback (serve's default)" : serverAddress));
        if (remoteHome != null) {
            lines.add("remote home: " + remoteHome);
        }
        return lines;
    }

    /**
     * {@code nodes.json}: the nodes, and the address each server side reported listening on
     * (its own readiness line), for scripts.
     */
    String json(Map<String, Map<Workload, InetSocketAddress>> listening) {
        JsonObject json = new JsonObject();
        json.addProperty("server", server.label());
        JsonArray clientLabels = new JsonArray();
        clients.forEach(node -> clientLabels.add(node.label()));
        json.add("clients", clientLabels);
        json.addProperty("server_address", serverAddress);
        json.addProperty("remote_home", remoteHome == null ? null : remoteHome.toString());
        JsonArray sides = new JsonArray();
        listening.forEach((side, addresses) -> {
            JsonObject entry = new JsonObject();
            entry.addProperty("side", side);
            JsonObject byWorkload = new JsonObject();
            addresses.forEach((workload, address) -> byWorkload.addProperty(workload.label(),
                    address.getAddress().getHostAddress() + ":" + address.getPort()));
            entry.add("listening", byWorkload);
            sides.add(entry);
        });
        json.add("server_sides", sides);
        return json.toString();
    }
}
