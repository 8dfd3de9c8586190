package org.danian.workloads.protocol;

import java.nio.ByteBuffer;

/**
 * Caladan's 2021 netperf over UDP (apps/bench/netperf.cc and proto.h). Its messages are C
 * structs sent as they lie in memory, so their integers are in the sender's byte order: little
 * endian on the x86 machines the benchmark runs on, and so here.
 *
 * <ul>
 *   <li>Control request, to the server's control port (8001): {@code u32 magic = 'nbch',
 *       i32 nports} (8 bytes).
 *   <li>Control reply: {@code u32 magic, i32 nports, u16 ports[nports]}: the server opened
 *       {@code nports} UDP ports, one per client thread, each echoing what it receives.
 *   <li>Echo payload, 32 bytes: {@code u32 tag, (4 bytes padding), u64 index, f64 work, ...};
 *       the server sends it back unchanged. A payload whose tag is {@code 'kill'} closes the
 *       port instead (the client sends it when a run ends).
 * </ul>
 */
public final class NetperfWire {

    /** Caladan's kNetbenchPort. */
    public static final int DEFAULT_CONTROL_PORT = 8001;
    /** {@code 'nbch'} as a C {@code uint32_t} constant. */
    public static final int MAGIC = 0x6e626368;
    /** {@code 'kill'} as a C {@code uint32_t} constant. */
    public static final int KILL = 0x6b696c6c;
    public static final int CONTROL_REQUEST_SIZE = 8;
    public static final int ECHO_SIZE = 32;

    private static final int TAG = 0;
    private static final int NPORTS = 4;
    private static final int PORTS = 8;
    private static final int INDEX = 8;

    private NetperfWire() {
    }

    /** Reads a little-endian u32 at {@code offset}, the layout of a C struct on x86. */
    public static int u32(ByteBuffer message, int offset) {
        return Integer.reverseBytes(message.getInt(offset));
    }

    public static boolean isControlRequest(ByteBuffer message) {
        return message.remaining() == CONTROL_REQUEST_SIZE && u32(message, TAG) == MAGIC;
    }

    /** The number of ports a control request asks for (signed, as the C field is). */
    public static int requestedPorts(ByteBuffer message) {
        return u32(message, NPORTS);
    }

    public static boolean isKill(ByteBuffer message) {
        return message.remaining() >= 4 && u32(message, TAG) == KILL;
    }

    /** Length of a control reply for {@code nports} ports. */
    public static int controlReplySize(int nports) {
        return PORTS + 2 * nports;
    }

    /** Writes the control reply's header at offset 0. */
    public static void writeControlReplyHeader(ByteBuffer message, int nports) {
        message.putInt(TAG, Integer.reverseBytes(MAGIC));
        message.putInt(NPORTS, Integer.reverseBytes(nports));
    }

    public static void putReplyPort(ByteBuffer message, int i, int port) {
        message.putShort(PORTS + 2 * i, Short.reverseBytes((short) port));
    }

    public static int replyPort(ByteBuffer message, int i) {
        return Short.reverseBytes(message.getShort(PORTS + 2 * i)) & 0xffff;
    }

    /** Writes a control request at offset 0 (clients). */
    public static void writeControlRequest(ByteBuffer message, int nports) {
        message.putInt(TAG, Integer.reverseBytes(MAGIC));
        message.putInt(NPORTS, Integer.reverseBytes(nports));
    }

    /** Writes an echo payload's tag and index; the rest of the 32 bytes is left as it is. */
    public static void writeEcho(ByteBuffer message, int tag, long index) {
        message.putInt(TAG, Integer.reverseBytes(tag));
        message.putLong(INDEX, Long.reverseBytes(index));
    }

    public static long echoIndex(ByteBuffer message) {
        return Long.reverseBytes(message.getLong(INDEX));
    }
}
