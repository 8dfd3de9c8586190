package org.danian.driver.dpdk;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The DPDK driver's configuration, ConfigAdmin PID {@value DpdkDriverComponent#PID} (OSGi
 * Compendium R8 §104 Configuration Admin, §105 Metatype). The driver exists while this
 * configuration does; changing it restarts the driver (its ports are closed and the kernel,
 * if it uses the driver, opens them again on the new one).
 */
@ObjectClassDefinition(id = DpdkDriverComponent.PID, name = "Danian DPDK packet driver",
        description = "A kernel-bypass packet driver on one DPDK port.")
@interface DpdkDriverConfig {

    @AttributeDefinition(name = "Device", description = "A DPDK virtual device with its arguments, such as"
            + " net_af_packet0,iface=eth1 or net_tap0,iface=dtap0, or the PCI address of a NIC bound to vfio-pci.")
    String device();

    @AttributeDefinition(name = "IPv4 address", description = "The address the driver owns: it answers ARP for"
            + " it and receives the UDP datagrams sent to it.")
    String ipv4();

    @AttributeDefinition(name = "Hugepages", description = "false: EAL runs on ordinary memory (--no-huge);"
            + " true: on the machine's hugepages (--in-memory).")
    boolean hugepages() default false;

    @AttributeDefinition(name = "Memory (MB)", description = "EAL memory (-m).")
    int memoryMb() default 256;

    @AttributeDefinition(name = "Mbufs", description = "The DPDK mbuf pool's size.")
    int mbufs() default 8191;

    @AttributeDefinition(name = "Packets", description = "Pooled packets, a power of two: the most datagrams"
            + " the workloads can hold at once.")
    int packets() default 1024;

    @AttributeDefinition(name = "Burst", description = "The most frames one receive or transmit call moves.")
    int burst() default 32;

    @AttributeDefinition(name = "Largest payload", description = "The largest UDP payload delivered, bytes;"
            + " larger datagrams are counted as oversized.")
    int maxPayload() default 1472;

    @AttributeDefinition(name = "Receive descriptors", description = "The receive ring's size.")
    int rxDescriptors() default 1024;

    @AttributeDefinition(name = "Transmit descriptors", description = "The transmit ring's size.")
    int txDescriptors() default 1024;

    @AttributeDefinition(name = "More EAL arguments", description = "Further EAL arguments, separated by"
            + " spaces (for example --huge-dir=/mnt/huge on a testbed).")
    String ealArgs() default "";
}
