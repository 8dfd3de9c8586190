package org.danian.driver.dpdk;

/**
 * What {@link EalPort} needs to bring a DPDK port up, checked.
 *
 * @param device a virtual device with its arguments ({@code net_af_packet0,iface=eth1},
 *     {@code net_tap0,iface=dtap0}) or a PCI address ({@code 0000:03:00.0}) of a NIC bound to
 *     vfio-pci
 * @param hugepages false: EAL's {@code --no-huge} (ordinary memory, for tests and shared
 *     machines); true: {@code --in-memory} on the configured hugepages
 * @param memoryMb EAL memory, MB ({@code -m})
 * @param mbufs the mbuf pool's size (a power of two minus one suits DPDK's ring best)
 * @param rxDescriptors receive ring size
 * @param txDescriptors transmit ring size
 * @param ealArgs more EAL arguments, separated by spaces (testbeds: {@code --huge-dir}, ...)
 */
record DpdkPortSettings(String device, boolean hugepages, int memoryMb, int mbufs, int rxDescriptors,
                        int txDescriptors, String ealArgs) {

    DpdkPortSettings {
        if (device == null || device.isBlank() || device.contains(" ")) {
            throw new IllegalArgumentException("device must name a vdev (net_af_packet0,iface=eth1) or a PCI"
                    + " address, without spaces: '" + device + "'");
        }
        check(memoryMb >= 64, "memoryMb", memoryMb, ">= 64");
        check(mbufs >= 1024, "mbufs", mbufs, ">= 1024");
        check(rxDescriptors >= 64 && rxDescriptors <= 32768, "rxDescriptors", rxDescriptors, "64..32768");
        check(txDescriptors >= 64 && txDescriptors <= 32768, "txDescriptors", txDescriptors, "64..32768");
        ealArgs = ealArgs == null ? "" : ealArgs;
    }

    /** A virtual device (DPDK names them {@code net_<driver><n>}), not a PCI NIC. */
    boolean isVirtual() {
        return device.startsWith("net_");
    }

    private static void check(boolean ok, String name, int value, String range) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + range + ": " + value);
        }
    }
}
