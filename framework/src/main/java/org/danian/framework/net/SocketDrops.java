package org.danian.framework.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What Linux itself dropped for the driver's sockets: the {@code drops} column of
 * {@code /proc/net/udp} and {@code /proc/net/udp6} (proc(5); one line per UDP socket, the local
 * address as {@code HEXADDR:HEXPORT}, drops last), summed over the lines whose local port is
 * one of ours. A datagram counted there arrived while the socket's receive buffer was full: the
 * backpressure the driver applies moved the wait into that buffer, and this is what it could
 * not hold.
 *
 * <p>A port is matched by number: a port the driver bound is its own, since it binds without
 * {@code SO_REUSEPORT}. Read on control threads only ({@link KernelUdpDriver#counters()}):
 * it reads two files and allocates. Where the files cannot be read (not Linux), the count is 0.
 */
final class SocketDrops {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/udp"), Path.of("/proc/net/udp6"));

    private final List<Path> tables;

    SocketDrops() {
        this(TABLES);
    }

    /** Reads the given tables instead of Linux's, for tests. */
    SocketDrops(List<Path> tables) {
        this.tables = List.copyOf(tables);
    }

    /** The drops Linux counted for sockets bound to one of {@code ports}, summed over both tables. */
    long dropsFor(int[] ports) {
        if (ports.length == 0) {
            return 0;
        }
        int[] sorted = ports.clone();
        Arrays.sort(sorted);
        long sum = 0;
        for (Path table : tables) {
            try {
                sum += dropsIn(Files.readString(table, StandardCharsets.US_ASCII), sorted);
            } catch (IOException | RuntimeException e) {
                // No such table (IPv6 disabled, not Linux): nothing counted there.
            }
        }
        return sum;
    }

    /** The drops of the lines of one table whose local port is in {@code sortedPorts}. */
    static long dropsIn(String table, int[] sortedPorts) {
        long sum = 0;
        for (String line : table.split("\n")) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length < 13 || !fields[0].endsWith(":")) {
                continue; // the header, or a blank line
            }
            String local = fields[1];
            int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
            if (Arrays.binarySearch(sortedPorts, port) >= 0) {
                sum += Long.parseLong(fields[fields.length - 1]);
            }
        }
        return sum;
    }
}
