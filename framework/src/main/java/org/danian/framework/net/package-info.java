/**
 * The embedded packet driver, {@code kernel-udp}: the kernel's UDP sockets, polled by the
 * scheduler loop (the {@link org.danian.spi.net.PacketDriver} contract) as Caladan's IOKernel
 * polls its NIC (OSDI'20 §4), without blocking while the loop has work, and blocking in its
 * selector ({@code await}) when only a packet can bring any. Private to the framework bundle.
 *
 * <p>Memory ordering, for the whole package: counters are {@code AtomicLong}s with one writer,
 * the polling thread, which publishes with {@code lazySet} (a release store; readers on other
 * threads see a value at most a few increments old, never a torn one). Packets travel between
 * threads only through {@link org.danian.framework.net.PacketRing}, whose release/acquire
 * sequence numbers order a packet's contents before its hand-over.
 */
package org.danian.framework.net;
