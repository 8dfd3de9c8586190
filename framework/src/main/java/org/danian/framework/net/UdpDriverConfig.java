package org.danian.framework.net;

import java.util.function.Consumer;

/**
 * Sizes of the kernel UDP driver, and whether kthreads transmit their replies.
 *
 * @param maxPayload the largest datagram payload delivered; larger ones are dropped
 * @param poolSize packets in the pool, a power of two: the most packets sinks can hold
 * @param burst the most datagrams one {@link KernelUdpDriver#poll} takes (DPDK's usual burst is 32)
 * @param receiveLimit the scratch buffer's size: datagrams of this length or more are
 *     counted as truncated; larger than {@code maxPayload}
 * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF asked of the kernel for each port
 * @param kthreadsTransmit whether a reply is sent at once by the thread that answers
 *     (directpath) rather than queued for {@link KernelUdpDriver#flush}
 */
public record UdpDriverConfig(int maxPayload, int poolSize, int burst, int receiveLimit,
        int socketBufferBytes, boolean kthreadsTransmit) {

    /** Packets pooled by default: as many as the kernel has packet tasks. */
    public static final int DEFAULT_POOL_SIZE = 4096;
    /** 4 MiB: a burst of 5,000 64-byte requests takes about 4 MiB of socket memory on Linux. */
    public static final int DEFAULT_SOCKET_BUFFER_BYTES = 4 << 20;

    /** 2 KiB payloads (a 1500-byte MTU's datagram fits), 4096 packets, bursts of 32, directpath. */
    public static final UdpDriverConfig DEFAULT = new UdpDriverConfig(2048, DEFAULT_POOL_SIZE, 32, 65536,
            DEFAULT_SOCKET_BUFFER_BYTES, true);

    public UdpDriverConfig {
        if (maxPayload < 1 || receiveLimit <= maxPayload) {
            throw new IllegalArgumentException("need 0 < maxPayload < receiveLimit: "
                    + maxPayload + ", " + receiveLimit);
        }
        if (poolSize < 2 || Integer.bitCount(poolSize) != 1) {
            throw new IllegalArgumentException("poolSize must be a power of two >= 2: " + poolSize);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be positive: " + burst);
        }
        if (socketBufferBytes < 1) {
            throw new IllegalArgumentException("socketBufferBytes must be positive: " + socketBufferBytes);
        }
    }

    /**
     * The default receive linger ({@link KernelUdpDriver#kthreadPollLingerNanos()}), 1 ms: longer
     * than the gap between requests of a service at a few thousand requests a second, so a
     * steady stream keeps its kthread in the driver; short enough that a core left waiting is
     * given back within a millisecond once the stream stops.
     */
    public static final long DEFAULT_RECEIVE_LINGER_MICROS = 1_000;
    /** The longest receive linger accepted, one second. */
    public static final long MAX_RECEIVE_LINGER_MICROS = 1_000_000;

    /**
     * The receive linger in nanoseconds for a configured {@code micros}; outside
     * 0..{@value #MAX_RECEIVE_LINGER_MICROS} it is the default, and {@code refused} gets a
     * message naming the value (a bad setting must not keep the driver from starting).
     */
    static long receiveLingerNanos(long micros, Consumer<String> refused) {
        if (micros < 0 || micros > MAX_RECEIVE_LINGER_MICROS) {
            refused.accept("kthreadReceiveLingerMicros=" + micros + " is outside 0.." + MAX_RECEIVE_LINGER_MICROS
                    + "; the default " + DEFAULT_RECEIVE_LINGER_MICROS + " applies");
            return DEFAULT_RECEIVE_LINGER_MICROS * 1_000;
        }
        return micros * 1_000;
    }

    /** Sizes whose replies queue for {@link KernelUdpDriver#flush} (the polling thread transmits). */
    public UdpDriverConfig(int maxPayload, int poolSize, int burst, int receiveLimit, int socketBufferBytes) {
        this(maxPayload, poolSize, burst, receiveLimit, socketBufferBytes, false);
    }

    /** A copy with replies sent by the answering thread ({@code true}) or at flush. */
    public UdpDriverConfig withKthreadsTransmit(boolean on) {
        return new UdpDriverConfig(maxPayload, poolSize, burst, receiveLimit, socketBufferBytes, on);
    }
}

