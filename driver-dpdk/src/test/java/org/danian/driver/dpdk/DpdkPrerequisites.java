package org.danian.driver.dpdk;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * What the tests on a real DPDK port need: Linux x86-64, root (network namespaces, raw
 * sockets), iproute2, ethtool, sockperf, gcc (the fuzzer is compiled at test time), and the native shim
 * in this build. Missing ones skip the test, unless {@code DANIAN_REQUIRE_DPDK=true} (CI sets it,
 * and installs them all), where they fail it.
 */
final class DpdkPrerequisites {

    private DpdkPrerequisites() {
    }

    static void check() throws IOException {
        String missing = missing();
        if (missing == null) {
            return;
        }
        if ("true".equals(System.getenv("DANIAN_REQUIRE_DPDK"))) {
            throw new AssertionError("DANIAN_REQUIRE_DPDK=true but " + missing);
        }
        Assumptions.abort("skipped: " + missing + " (set DANIAN_REQUIRE_DPDK=true to make this a failure)");
    }

    private static String missing() throws IOException {
        if (!(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"))) {
            return "the DPDK tests need Linux on x86-64";
        }
        String uid = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("Uid:"))
                .findFirst().orElse("Uid: -1").split("\\s+")[1];
        if (!uid.equals("0")) {
            return "the DPDK tests need root (network namespaces, raw sockets); uid is " + uid;
        }
        for (String tool : new String[] {"ip", "ethtool", "sockperf", "gcc"}) {
            if (onPath(tool) == null) {
                return tool + " is not on PATH (apt-get install -y iproute2 ethtool sockperf gcc)";
            }
        }
        if (DpdkPrerequisites.class.getClassLoader().getResource(ShimLibrary.RESOURCE) == null) {
            return "this build has no native shim (install libdpdk-dev and pkg-config, then rebuild)";
        }
        return null;
    }

    static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
