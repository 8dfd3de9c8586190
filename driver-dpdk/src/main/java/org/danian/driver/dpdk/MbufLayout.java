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
 * @param offloadFlags offset of {@code ol_flags} (u64)
 * @param l4ChecksumBad the bit {@code RTE_MBUF_F_RX_L4_CKSUM_BAD}
 * @param l4ChecksumGood the bit {@code RTE_MBUF_F_RX_L4_CKSUM_GOOD}; both bits set is
 *     {@code RTE_MBUF_F_RX_L4_CKSUM_NONE}, neither {@code RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN}
 */
record MbufLayout(int bufferAddress, int dataOffset, int dataLength, int packetLength, int segments,
                  int dataRoom, int offloadFlags, int l4ChecksumBad, int l4ChecksumGood) {

    /** No information on the L4 checksum: the driver verifies it itself. */
    static final int L4_CHECKSUM_UNKNOWN = 0;
    /** The NIC found the L4 checksum wrong. */
    static final int L4_CHECKSUM_BAD = 1;
    /** The NIC found the L4 checksum right. */
    static final int L4_CHECKSUM_GOOD = 2;
    /**
     * The checksum field is not complete (a partial checksum, as a veth or a local sender with
     * transmit offload leaves it) but the NIC verified the data's integrity.
     */
    static final int L4_CHECKSUM_NONE = 3;

    /** What the receive offload flags of {@code mbuf} say about its L4 checksum: one of {@code L4_CHECKSUM_*}. */
    int l4Checksum(long mbuf) {
        long flags = IO.getLong(mbuf + offloadFlags);
        return ((flags & l4ChecksumBad) != 0 ? L4_CHECKSUM_BAD : 0) | ((flags & l4ChecksumGood) != 0 ? L4_CHECKSUM_GOOD : 0);
    }

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
