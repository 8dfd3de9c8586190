package org.danian.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code serve}'s packet-driver options, checked before the framework starts. */
class ServeDriverArgumentsTest {

    @Test
    void dpdkTakesItsDeviceAndAddressAndServesTheWildcardOrThatAddress() throws Exception {
        ServeArguments arguments = ServeArguments.parse(List.of("--workload", "netperf", "--driver", "dpdk", "--vdev",
                "net_af_packet0,iface=veth0", "--ip", "198.18.0.2"));
        assertEquals(new ServeDriver("dpdk", "net_af_packet0,iface=veth0", "198.18.0.2"), arguments.driver());
        assertEquals("0.0.0.0", arguments.bind());
        assertEquals("198.18.0.2", ServeArguments.parse(List.of("--driver", "dpdk", "--vdev", "net_tap0", "--ip",
                "198.18.0.2", "--bind", "198.18.0.2")).bind(), "the driver's own address, which no kernel interface has");
    }

    @Test
    void withoutDriverOptionsTheKernelSettingIsLeftAlone() throws Exception {
        assertNull(ServeArguments.parse(List.of("--port", "0")).driver().name());
        assertEquals("kernel-udp", ServeArguments.parse(List.of("--driver", "kernel-udp")).driver().name());
    }

    @Test
    void inconsistentDriverOptionsAreRefusedNamingTheProblem() {
        assertMessage("invalid --driver 'netmap'", "--driver", "netmap");
        assertMessage("--driver dpdk needs --vdev", "--driver", "dpdk", "--ip", "198.18.0.2");
        assertMessage("--vdev and --ip need --driver dpdk", "--vdev", "net_tap0");
        assertMessage("invalid --ip '198.18.0'", "--driver", "dpdk", "--vdev", "net_tap0", "--ip", "198.18.0");
        assertMessage("invalid --bind '127.0.0.1'", "--driver", "dpdk", "--vdev", "net_tap0", "--ip", "198.18.0.2",
                "--bind", "127.0.0.1");
    }

    private static void assertMessage(String expected, String... args) {
        ServeArguments.Invalid invalid = assertThrows(ServeArguments.Invalid.class,
                () -> ServeArguments.parse(List.of(args)));
        assertTrue(invalid.getMessage().contains(expected), invalid.getMessage());
    }
}
