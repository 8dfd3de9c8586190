package org.danian.driver.dpdk;

import static org.danian.driver.dpdk.NetworkMemory.IO;

/**
 * Where the data path finds a frame in a DPDK {@code struct rte_mbuf}: the offsets of the few
 * fields it reads and writes, as the native shim reports them from the headers it was compiled
 * against ({@code offsetof}), so no layout is guessed in Java. Fields are in host byte order.
 *
 * @param bufferAddress offset of {@code buf_addr} (pointer)
 * @param dataOffset offset of {@code data_off} (u16): where the frame starts in the buffer
 * @param dataLength offset of {@code data_len} (u16): the frame's bytes in this segment
 * @param packetLength offset of {@code pkt_len} (u32): the frame's bytes over all segments
 * @param segments offset of {@code nb_segs} (u16)
 * @param dataRoom bytes a freshly allocated mbuf holds after its headroom: the longest frame
 *     the driver can build
 */
record MbufLayout(int bufferAddress, int dataOffset, int dataLength, int packetLength, int segments,
                  int dataRoom) {

    /** The first byte of the frame in {@code mbuf}. */
    long frame(long mbuf) {
        return IO.getAddress(mbuf + bufferAddress) + (IO.getShort(mbuf + dataOffset) & 0xffff);
    }

    int length(long mbuf) {
        return IO.getShort(mbuf + dataLength) & 0xffff;
    }

    boolean segmented(long mbuf) {
        return (IO.getShort(mbuf + segments) & 0xffff) > 1;
    }

    /** Sets a single-segment frame's length, after building it. */
    void length(long mbuf, int length) {
        IO.putShort(mbuf + dataLength, (short) length);
        IO.putInt(mbuf + packetLength, length);
    }
}
