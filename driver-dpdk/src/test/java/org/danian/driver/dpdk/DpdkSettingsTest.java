package org.danian.driver.dpdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The configuration's checks and the EAL command line it becomes, without DPDK. */
class DpdkSettingsTest {

    @Test
    void aVirtualDeviceRunsWithoutPciAndWithoutHugepagesByDefault() {
        DpdkPortSettings settings = new DpdkPortSettings("net_af_packet0,iface=veth0", false, 256, 8191, 1024, 1024,
                "--log-level=pmd.net.af_packet:debug");
        assertEquals(List.of("danian", "--lcores=0@(0-1)", "--no-shconf", "--no-telemetry",
                "--log-level=lib.eal:warning", "--no-huge", "-m", "256", "--no-pci",
                "--log-level=pmd.net.af_packet:debug"), EalPort.ealArguments(settings, "0-1"));
    }

    @Test
    void aPciDeviceIsAllowedAtStartAndHugepagesLeaveNoFiles() {
        DpdkPortSettings settings = new DpdkPortSettings("0000:03:00.0", true, 1024, 8191, 1024, 1024, "");
        List<String> args = EalPort.ealArguments(settings, "0,2-3");
        assertTrue(args.contains("--in-memory") && !args.contains("--no-huge"), args.toString());
        assertEquals("0000:03:00.0", args.get(args.indexOf("-a") + 1));
        assertTrue(args.contains("--lcores=0@(0,2-3)"), args.toString());
    }

    @Test
    void badValuesAreRefusedNamingTheValue() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DpdkPortSettings("", false, 256, 8191,
                1024, 1024, "")).getMessage().contains("''"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DpdkPortSettings("net_tap0", false, 16,
                8191, 1024, 1024, "")).getMessage().contains("16"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DpdkDriverComponent.ipv4("198.18.0"))
                .getMessage().contains("198.18.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DpdkDriverComponent.ipv4("0.0.0.0"))
                .getMessage().contains("0.0.0.0"));
        assertEquals(0xC612_0002, DpdkDriverComponent.ipv4("198.18.0.2"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new DpdkPacketDriver.Sizes(1472, 1000, 32))
                .getMessage().contains("1000"));
    }

    @Test
    void aPayloadThatCannotFitAnMbufIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new DpdkPacketDriver(
                new MemoryNic(2), 0xC612_0002, new DpdkPacketDriver.Sizes(2048, 2, 1)));
        assertTrue(refused.getMessage().contains("2048"), refused.getMessage());
    }
}
