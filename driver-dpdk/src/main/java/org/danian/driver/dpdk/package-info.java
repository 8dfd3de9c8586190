/**
 * The DPDK packet driver (kernel bypass): the {@link org.danian.spi.net.PacketDriver} service
 * named {@code dpdk}, which receives Ethernet frames from a DPDK port on the scheduler thread,
 * answers ARP for its IPv4 address, parses IPv4/UDP itself and steers each datagram by
 * destination port, as Caladan's IOKernel does with its NIC (OSDI'20 §4; DPDK Programmer's
 * Guide, docs/bibliography.md). Private to its bundle: nothing here is exported.
 *
 * <p>Layers, bottom up: {@link org.danian.driver.dpdk.NetworkMemory} (big-endian reads and
 * writes of native memory); the frame codecs {@link org.danian.driver.dpdk.UdpFrameParser},
 * {@link org.danian.driver.dpdk.UdpFrameWriter} and {@link org.danian.driver.dpdk.ArpReplies};
 * the data path {@link org.danian.driver.dpdk.DpdkPacketDriver} over a
 * {@link org.danian.driver.dpdk.NicQueue}; and the DPDK side, {@link org.danian.driver.dpdk.EalPort}
 * over the native shim ({@link org.danian.driver.dpdk.DpdkShim}), wired by the Declarative
 * Services component {@link org.danian.driver.dpdk.DpdkDriverComponent}.
 */
package org.danian.driver.dpdk;
