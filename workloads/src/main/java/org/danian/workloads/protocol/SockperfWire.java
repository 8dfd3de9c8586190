package org.danian.workloads.protocol;

import java.nio.ByteBuffer;

/**
 * sockperf's message (sockperf 3.7; workloads/README.md, "Protocols"): a 14-byte big-endian header,
 * then an opaque payload. Over UDP each datagram carries exactly one message, and the header's
 * length is the datagram's length.
 *
 * <pre>
 * offset size field
 *      0    8 sequence number (from 1, +1 per message)
 *      8    2 flags: CLIENT 0x1, PONG_REQUEST 0x2, WARMUP 0x4
 *     10    4 length of the whole message, header included
 * </pre>
 */
public final class SockperfWire {

    public static final int HEADER_SIZE = 14;
    /** The largest UDP payload over IPv4 (65535 − 20 IP − 8 UDP); longer messages are dropped. */
    public static final int MAX_UDP_MESSAGE = 65507;
    /** Sent by a client (a server replies with this bit cleared). */
    public static final int CLIENT = 0x1;
    /** The client asks for a reply to this message. */
    public static final int PONG_REQUEST = 0x2;
    /** A warm-up message, outside the measurement: never answered. */
    public static final int WARMUP = 0x4;

    private static final int SEQUENCE = 0;
    private static final int FLAGS = 8;
    private static final int LENGTH = 10;

    private SockperfWire() {
    }

    public static long sequence(ByteBuffer message) {
        return message.getLong(SEQUENCE);
    }

    public static int flags(ByteBuffer message) {
        return message.getShort(FLAGS) & 0xffff;
    }

    public static void putFlags(ByteBuffer message, int flags) {
        message.putShort(FLAGS, (short) flags);
    }

    /** The length the header claims, unsigned. */
    public static long length(ByteBuffer message) {
        return message.getInt(LENGTH) & 0xffff_ffffL;
    }

    /** Writes a header at offset 0 (for tests and clients). */
    public static void writeHeader(ByteBuffer message, long sequence, int flags, int length) {
        message.putLong(SEQUENCE, sequence);
        message.putShort(FLAGS, (short) flags);
        message.putInt(LENGTH, length);
    }
}
