package org.danian.driver.dpdk;

import static org.danian.driver.dpdk.NetworkMemory.IO;

/**
 * A {@link NicQueue} over plain native memory, for testing the data path without DPDK: a fixed
 * set of fake mbufs laid out as {@link #LAYOUT} says, a receive queue the test fills with
 * frames, and a transmit side that keeps the frames it was given until the test reads them.
 * Nothing here allocates on the Java heap after construction, so the allocation test can run
 * the data path over it.
 */
final class MemoryNic implements NicQueue {

    /** Receive offload flags as DPDK 22.11 defines them: RTE_MBUF_F_RX_L4_CKSUM_BAD, _GOOD, and _NONE (both). */
    static final long L4_BAD = 1L << 3;
    static final long L4_GOOD = 1L << 8;
    static final long L4_NONE = L4_BAD | L4_GOOD;
    /**
     * buf_addr at 0, data_off at 8, data_len at 10, pkt_len at 12, nb_segs at 16, ol_flags at 24;
     * 2048 bytes of room.
     */
    static final MbufLayout LAYOUT = new MbufLayout(0, 8, 10, 12, 16, 2048, 24, (int) L4_BAD, (int) L4_GOOD);
    static final long MAC = 0x02_00_00_00_00_01L;
    private static final int MBUF_HEADER = 64;
    private static final int HEADROOM = 128;

    private final long[] free;
    private int freeCount;
    private final long[] rx;
    private int rxHead;
    private int rxTail;
    private final long[] tx;
    private int txCount;
    /** When set, {@link #allocate} fails (the pool looks empty) and {@link #transmit} takes this many at most. */
    boolean allocationFails;
    int transmitLimit = Integer.MAX_VALUE;
    boolean closed;

    MemoryNic(int mbufs) {
        free = new long[mbufs];
        rx = new long[mbufs];
        tx = new long[mbufs];
        for (int i = 0; i < mbufs; i++) {
            long mbuf = IO.allocateMemory(MBUF_HEADER + HEADROOM + LAYOUT.dataRoom(), true);
            IO.putAddress(mbuf, mbuf + MBUF_HEADER);
            free[freeCount++] = mbuf;
        }
    }

    /** Queues a received frame of {@code length} bytes copied from {@code frame}; false if no mbuf is free. */
    boolean inject(long frame, int length, int segments) {
        return inject(frame, length, segments, 0);
    }

    /** As {@link #inject(long, int, int)}, with receive offload flags {@code offloadFlags} (0: no information). */
    boolean inject(long frame, int length, int segments, long offloadFlags) {
        if (freeCount == 0) {
            return false;
        }
        long mbuf = free[--freeCount];
        reset(mbuf);
        IO.copyMemory(frame, LAYOUT.frame(mbuf), length);
        LAYOUT.length(mbuf, length);
        IO.putShort(mbuf + 16, (short) segments);
        IO.putLong(mbuf + 24, offloadFlags);
        rx[rxTail++ % rx.length] = mbuf;
        return true;
    }

    /** The frames transmitted and not yet taken, oldest first. */
    int transmitted() {
        return txCount;
    }

    /** The first byte of the {@code index}-th transmitted frame. */
    long transmittedFrame(int index) {
        return LAYOUT.frame(tx[index]);
    }

    int transmittedLength(int index) {
        return LAYOUT.length(tx[index]);
    }

    /** Gives the transmitted mbufs back to the pool, as a NIC does once they are on the wire. */
    void drainTransmitted() {
        for (int i = 0; i < txCount; i++) {
            free[freeCount++] = tx[i];
        }
        txCount = 0;
    }

    int freeMbufs() {
        return freeCount;
    }

    private static void reset(long mbuf) {
        IO.putShort(mbuf + 8, (short) HEADROOM);
        IO.putShort(mbuf + 16, (short) 1);
        IO.putLong(mbuf + 24, 0);
        LAYOUT.length(mbuf, 0);
    }

    @Override
    public MbufLayout layout() {
        return LAYOUT;
    }

    @Override
    public long mac() {
        return MAC;
    }

    @Override
    public int receive(long mbufs, int max) {
        int count = 0;
        while (count < max && rxHead < rxTail) {
            IO.putAddress(mbufs + 8L * count++, rx[rxHead++ % rx.length]);
        }
        return count;
    }

    @Override
    public int transmit(long mbufs, int count) {
        int taken = Math.min(count, transmitLimit);
        for (int i = 0; i < taken; i++) {
            tx[txCount++] = IO.getAddress(mbufs + 8L * i);
        }
        return taken;
    }

    @Override
    public boolean allocate(long mbufs, int count) {
        if (allocationFails || freeCount < count) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            long mbuf = free[--freeCount];
            reset(mbuf);
            IO.putAddress(mbufs + 8L * i, mbuf);
        }
        return true;
    }

    @Override
    public void free(long mbufs, int count) {
        for (int i = 0; i < count; i++) {
            free[freeCount++] = IO.getAddress(mbufs + 8L * i);
        }
    }

    @Override
    public long missed() {
        return 0; // the test's receive queue holds every frame
    }

    @Override
    public void close() {
        closed = true;
    }
}
