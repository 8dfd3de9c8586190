package org.danian.workloads.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The baseline server listens on the loopback unless {@code --bind} says otherwise, as
 * {@code bin/danian serve} does: checked on the socket the kernel holds (the local address of
 * its port in {@code /proc/net/udp}), not only on the ready line.
 */
class BaselineBindTest {

    private static final String LOOPBACK_HEX = "0100007F"; // 127.0.0.1, little-endian as /proc shows it
    private static final String ANY_HEX = "00000000";
    /** ::ffff:0:0/96 as /proc/net/udp6 prints it (four little-endian 32-bit words). */
    private static final String V4_MAPPED = "0000000000000000FFFF0000";

    @Test
    void withoutBindItListensOnTheLoopbackOnly() throws Exception {
        try (ServerProcess server = ServerProcess.start("--workload", "synthetic", "--port", "0", "--threads", "1")) {
            assertTrue(server.readyLine.contains(" address=127.0.0.1 "), server.readyLine);
            assertEquals(List.of(LOOPBACK_HEX), localAddresses(server.port), server.readyLine);
            assertEquals(0, server.terminate());
        }
    }

    @Test
    void bindChangesTheAddress() throws Exception {
        try (ServerProcess server = ServerProcess.start("--workload", "synthetic", "--port", "0", "--threads", "1",
                "--bind", "0.0.0.0")) {
            assertTrue(server.readyLine.contains(" address=0.0.0.0 "), server.readyLine);
            assertEquals(List.of(ANY_HEX), localAddresses(server.port), server.readyLine);
            assertEquals(0, server.terminate());
        }
    }

    /**
     * The local addresses of the UDP sockets on {@code port}, as IPv4 hex. Java opens
     * dual-stack IPv6 sockets where it can ({@code /proc/net/udp6}): {@code ::} is the
     * wildcard, {@code ::ffff:a.b.c.d} an IPv4 address.
     */
    private static List<String> localAddresses(int port) throws Exception {
        String portHex = String.format(Locale.ROOT, "%04X", port);
        List<String> found = new ArrayList<>();
        for (String table : List.of("/proc/net/udp", "/proc/net/udp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file)) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 1 && fields[1].endsWith(":" + portHex)) {
                    found.add(ipv4(fields[1].substring(0, fields[1].indexOf(':'))));
                }
            }
        }
        return found;
    }

    private static String ipv4(String hex) {
        if (hex.length() == 8) {
            return hex;
        }
        if (hex.equals("0".repeat(32))) {
            return ANY_HEX;
        }
        if (hex.startsWith(V4_MAPPED)) {
            return hex.substring(V4_MAPPED.length());
        }
        return hex;
    }
}
