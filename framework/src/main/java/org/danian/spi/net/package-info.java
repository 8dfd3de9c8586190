/**
 * The packet-driver seam: how datagrams reach procs and how their replies leave (Caladan,
 * OSDI'20, §4: the IOKernel's dedicated core polls the NIC, steers each packet to the receive
 * queue of the proc that owns its destination port, and transmits what the procs queued).
 *
 * <p>A {@link org.danian.spi.net.PacketDriver} is polled by the scheduler loop: once per
 * iteration it receives a burst ({@link org.danian.spi.net.PacketDriver#poll}), hands each
 * {@link org.danian.spi.net.Packet} to the {@link org.danian.spi.net.PacketSink} attached to
 * its destination port (a proc's ingress queue), and later transmits the replies that the
 * proc's kthreads queued ({@link org.danian.spi.net.PacketDriver#flush}). The framework's
 * {@code kernel-udp} driver uses the kernel's UDP sockets; a kernel-bypass driver implements the
 * same interfaces and is chosen by the kernel's {@code packetDriver} setting.
 *
 * <p>Packets live in buffers the driver pools: the steady state allocates nothing. Every
 * packet handed to a sink is owned by that sink until it calls {@link
 * org.danian.spi.net.Packet#reply} or {@link org.danian.spi.net.Packet#release}, exactly once.
 *
 * <p>Version history: 1.0 — first contract. 1.1 — a driver is a service named by
 * {@code danian.driver.name}; how it lets the loop wait ({@code canBlock}, {@code await},
 * {@code wakeup}). 1.2 — backpressure and directpath: {@code PacketSink.hasRoom} (a driver leaves
 * datagrams in the network while the sink is full), {@code PacketDriver.kthreadsMayTransmit}
 * (replies leave on the answering thread), and {@code DriverCounters.backpressured} and
 * {@code systemDrops}. 1.3 — {@code DriverCounters.badChecksum} (a drop reason) and
 * {@code DriverCounters.driverSpecific} (a driver's own counters, shown by the status).
 * 1.4 — directpath receive: {@code PacketDriver.kthreadPollLingerNanos} (a kthread out of work
 * may wait in the driver for its next packet, taking the polling thread's role meanwhile).
 */
@Export
@Version("1.4.0")
package org.danian.spi.net;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
