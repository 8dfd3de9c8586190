package org.danian.distribution;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of {@code bin/danian serve [--workload synthetic|netperf|all] [--port N]
 * [--bind ADDR] [--driver kernel-udp|dpdk [--vdev DEVICE --ip ADDRESS]]}, checked before the
 * framework starts.
 *
 * <p>Defaults: every workload, bound to the loopback {@code 127.0.0.1} (the servers answer
 * anyone who reaches them; {@code --bind 0.0.0.0} opens them to every interface), on Caladan's ports (synthetic 8000,
 * netperf 8001). {@code --port 0} asks each server for any free port. With {@code --workload
 * all} and {@code --port N} (N &gt; 0), synthetic listens on N and netperf on N+1.
 *
 * @param ports the port each workload asks for, by name, in the order they are printed
 * @param bind the address to bind, as given (validated)
 * @param driver the packet driver asked for ({@link ServeDriver})
 */
record ServeArguments(Map<String, Integer> ports, String bind, ServeDriver driver) {

    static final String SYNTHETIC = "synthetic";
    static final String NETPERF = "netperf";
    static final int SYNTHETIC_PORT = 8000;
    static final int NETPERF_PORT = 8001;
    /** Loopback only unless asked: the servers are unauthenticated (SECURITY.md). */
    static final String DEFAULT_BIND = "127.0.0.1";

    /** A bad command line; the message names the bad value. */
    static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    /** Parses the arguments after {@code serve}. */
    static ServeArguments parse(List<String> args) throws Invalid {
        String workload = "all";
        String port = null;
        String bind = null;
        String driver = null;
        String device = null;
        String ip = null;
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String option = rest.remove(0);
            String value = optionValue(option, rest);
            switch (option) {
                case "--workload" -> workload = value;
                case "--port" -> port = value;
                case "--bind" -> bind = value;
                case "--driver" -> driver = value;
                case "--vdev" -> device = value;
                case "--ip" -> ip = value;
                default -> throw new Invalid("unknown option '" + option + "'; the options are --workload"
                        + " synthetic|netperf|all, --port N, --bind ADDR, --driver kernel-udp|dpdk, --vdev DEVICE,"
                        + " --ip ADDR");
            }
        }
        ServeDriver chosen = ServeDriver.of(driver, device, ip);
        if (bind == null) {
            // The loopback unless told otherwise. The dpdk driver owns its one address outside
            // the kernel and answers nothing else, so there the wildcard means that address.
            bind = ServeDriver.DPDK.equals(chosen.name()) ? "0.0.0.0" : DEFAULT_BIND;
        }
        return new ServeArguments(ports(workload, port), ownedBy(chosen, bind), chosen);
    }

    /** The DPDK driver owns its address, which the kernel does not know; sockets need a local one. */
    private static String ownedBy(ServeDriver driver, String bind) throws Invalid {
        try {
            if (driver.owns(bind)) {
                return bind;
            }
        } catch (UnknownHostException e) {
            throw new Invalid("invalid --bind '" + bind + "': " + e.getMessage());
        }
        if (ServeDriver.DPDK.equals(driver.name())) {
            throw new Invalid("invalid --bind '" + bind + "': the dpdk driver serves " + driver.ip() + " or 0.0.0.0");
        }
        return checkedAddress(bind);
    }

    /**
     * The first server port that another socket already holds, as {@code "<workload> <port>:
     * <reason>"}, or null if every fixed port is free (port 0 is always free). Checked before
     * the framework starts so that a busy port fails the run at once rather than after the
     * startup timeout; a port taken between this check and the server's bind still fails,
     * later.
     */
    String firstPortInUse() {
        for (Map.Entry<String, Integer> workload : ports.entrySet()) {
            if (workload.getValue() == 0) {
                continue;
            }
            try (DatagramSocket probe = new DatagramSocket(null)) {
                probe.setReuseAddress(false);
                probe.bind(new InetSocketAddress(InetAddress.getByName(bind), workload.getValue()));
            } catch (IOException e) {
                return workload.getKey() + " cannot listen on " + bind + " port " + workload.getValue() + ": "
                        + e.getMessage();
            }
        }
        return null;
    }

    private static String optionValue(String option, List<String> rest) throws Invalid {
        if (!option.startsWith("--")) {
            throw new Invalid("unexpected argument '" + option + "'; the options are --workload, --port, --bind, --driver, --vdev, --ip");
        }
        if (rest.isEmpty()) {
            throw new Invalid("option " + option + " needs a value");
        }
        return rest.remove(0);
    }

    private static Map<String, Integer> ports(String workload, String port) throws Invalid {
        Integer asked = port == null ? null : portNumber(port);
        Map<String, Integer> ports = new LinkedHashMap<>();
        switch (workload) {
            case SYNTHETIC -> ports.put(SYNTHETIC, asked == null ? SYNTHETIC_PORT : asked);
            case NETPERF -> ports.put(NETPERF, asked == null ? NETPERF_PORT : asked);
            case "all" -> {
                ports.put(SYNTHETIC, asked == null ? SYNTHETIC_PORT : asked);
                ports.put(NETPERF, asked == null ? NETPERF_PORT : asked == 0 ? 0 : asked + 1);
                if (asked != null && asked == 65535) {
                    throw new Invalid("--port 65535 leaves no port for netperf (it takes N+1 with --workload all)");
                }
            }
            default -> throw new Invalid("invalid --workload '" + workload + "': use synthetic, netperf or all");
        }
        return ports;
    }

    private static int portNumber(String port) throws Invalid {
        try {
            int number = Integer.parseInt(port);
            if (number >= 0 && number <= 65535) {
                return number;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new Invalid("invalid --port '" + port + "': use a number from 0 (any free port) to 65535");
    }

    private static String checkedAddress(String bind) throws Invalid {
        try {
            InetAddress address = InetAddress.getByName(bind);
            if (!address.isAnyLocalAddress() && java.net.NetworkInterface.getByInetAddress(address) == null) {
                throw new Invalid("invalid --bind '" + bind + "': not an address of this machine");
            }
            return bind;
        } catch (UnknownHostException | java.net.SocketException e) {
            throw new Invalid("invalid --bind '" + bind + "': " + e.getMessage());
        }
    }
}
