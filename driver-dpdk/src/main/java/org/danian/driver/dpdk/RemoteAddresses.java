package org.danian.driver.dpdk;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * The senders' socket addresses, made once per sender: {@link org.danian.spi.net.Packet#remote()}
 * returns an {@link InetSocketAddress}, and making one per datagram would allocate on the
 * receive path. A direct-mapped cache keyed by (IPv4 address, port): a steady set of clients
 * hits it and allocates nothing; two senders that collide on a slot evict each other, which
 * costs an allocation, never a wrong address. Polling thread only.
 */
final class RemoteAddresses {

    private final long[] keys;
    private final InetSocketAddress[] addresses;
    private final int mask;

    /** @param slots a power of two */
    RemoteAddresses(int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        keys = new long[slots];
        addresses = new InetSocketAddress[slots];
        mask = slots - 1;
    }

    InetSocketAddress of(int ip, int port) {
        long key = ((ip & 0xffff_ffffL) << 16) | port;
        int slot = (int) (key ^ (key >>> 17) ^ (key >>> 31)) & mask;
        InetSocketAddress cached = addresses[slot];
        if (cached != null && keys[slot] == key) {
            return cached;
        }
        InetSocketAddress made = new InetSocketAddress(address(ip), port);
        keys[slot] = key;
        addresses[slot] = made;
        return made;
    }

    private static InetAddress address(int ip) {
        try {
            return InetAddress.getByAddress(new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8),
                (byte) ip});
        } catch (UnknownHostException e) {
            throw new AssertionError("four bytes are always an IPv4 address", e);
        }
    }
}
