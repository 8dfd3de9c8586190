/**
 * Test support for the packet-driver seam, published in the framework's test-jar: an
 * in-memory {@link org.danian.spi.net.PacketDriver} that shows a driver plugs into the kernel
 * through the SPI alone.
 */
package org.danian.spi.net.testing;
