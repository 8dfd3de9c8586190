package org.danian.driver.dpdk;

import com.kenai.jffi.MemoryIO;
import java.nio.ByteOrder;

/**
 * Reads and writes of native memory in network byte order (big-endian, RFC 1700), through
 * jffi's {@link MemoryIO}: frames live in DPDK mbufs, outside the Java heap, and are parsed in
 * place without copying them into a buffer object. Every method is a plain load or store; none
 * allocates.
 */
final class NetworkMemory {

    static final MemoryIO IO = MemoryIO.getInstance();
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    private NetworkMemory() {
    }

    static int u8(long address) {
        return IO.getByte(address) & 0xff;
    }

    static void putU8(long address, int value) {
        IO.putByte(address, (byte) value);
    }

    static int u16(long address) {
        short raw = IO.getShort(address);
        return (LITTLE ? Short.reverseBytes(raw) : raw) & 0xffff;
    }

    static void putU16(long address, int value) {
        short raw = (short) value;
        IO.putShort(address, LITTLE ? Short.reverseBytes(raw) : raw);
    }

    static int u32(long address) {
        int raw = IO.getInt(address);
        return LITTLE ? Integer.reverseBytes(raw) : raw;
    }

    static void putU32(long address, int value) {
        IO.putInt(address, LITTLE ? Integer.reverseBytes(value) : value);
    }

    /** Six bytes (a MAC address) as the low 48 bits of a long, first byte most significant. */
    static long mac(long address) {
        return ((long) u16(address) << 32) | (u32(address + 2) & 0xffff_ffffL);
    }

    static void putMac(long address, long mac) {
        putU16(address, (int) (mac >>> 32));
        putU32(address + 2, (int) mac);
    }

    /**
     * The Internet checksum's one's-complement sum (RFC 1071) of {@code length} bytes, added to
     * {@code initial}, not yet folded or complemented. An odd last byte is padded with zero.
     */
    static long onesComplementSum(long address, int length, long initial) {
        long sum = initial;
        int i = 0;
        for (; i + 1 < length; i += 2) {
            sum += u16(address + i);
        }
        if (i < length) {
            sum += u8(address + i) << 8;
        }
        return sum;
    }

    /** Folds a sum to 16 bits and complements it: the checksum field's value (RFC 1071). */
    static int checksum(long sum) {
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xffff) + (sum >>> 16);
        }
        return (int) (~sum & 0xffff);
    }
}
