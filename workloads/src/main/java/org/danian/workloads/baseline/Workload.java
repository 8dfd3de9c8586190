package org.danian.workloads.baseline;

import org.danian.workloads.protocol.NetperfWire;

/** The workloads a server can run, with their default ports. */
public enum Workload {
    /** Caladan's synthetic fake-work server. */
    SYNTHETIC(8000),
    /** Caladan's 2021 netperf (control port 8001) and sockperf on the same port. */
    NETPERF(NetperfWire.DEFAULT_CONTROL_PORT);

    private final int defaultPort;

    Workload(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The name used on command lines and in output. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
