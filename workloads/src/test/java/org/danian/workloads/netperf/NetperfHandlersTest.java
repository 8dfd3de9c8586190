package org.danian.workloads.netperf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.danian.workloads.protocol.NetperfWire;
import org.danian.workloads.protocol.SockperfWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.HandlerStats;
import org.junit.jupiter.api.Test;

/** The netperf server's control port (handshake and sockperf) and its echo ports. */
class NetperfHandlersTest {

    private final HandlerCounters counters = new HandlerCounters();
    private final List<Integer> opened = new ArrayList<>();
    private int nextPort = 40000;
    private final NetperfControlHandler control = new NetperfControlHandler(counters, () -> {
        opened.add(nextPort);
        return nextPort++;
    });

    private static ByteBuffer sockperf(int flags, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(length, DatagramHandler.MIN_CAPACITY));
        for (int i = SockperfWire.HEADER_SIZE; i < length; i++) {
            buffer.put(i, (byte) (i * 31));
        }
        SockperfWire.writeHeader(buffer, 77, flags, length);
        return buffer.limit(length);
    }

    @Test
    void answersAPongRequestWithTheWholeMessageAndOnlyTheClientBitCleared() {
        ByteBuffer message = sockperf(SockperfWire.CLIENT | SockperfWire.PONG_REQUEST, 64);
        byte[] before = Arrays.copyOf(message.array(), 64);

        assertEquals(64, control.handle(message));

        byte[] after = Arrays.copyOf(message.array(), 64);
        assertEquals(SockperfWire.PONG_REQUEST, SockperfWire.flags(message));
        before[9] &= ~SockperfWire.CLIENT;
        assertArrayEquals(before, after);
        assertEquals(new HandlerStats(1, 0, 0, 0, 0, 0), counters.snapshot());
    }

    @Test
    void sendsNothingForClientMessagesWithoutPongRequestWarmUpsOrServerMessages() {
        assertEquals(DatagramHandler.NO_REPLY, control.handle(sockperf(SockperfWire.CLIENT, 64)));
        assertEquals(DatagramHandler.NO_REPLY, control.handle(
                sockperf(SockperfWire.CLIENT | SockperfWire.PONG_REQUEST | SockperfWire.WARMUP, 64)));
        assertEquals(DatagramHandler.NO_REPLY, control.handle(sockperf(SockperfWire.PONG_REQUEST, 64)));
        assertEquals(new HandlerStats(0, 3, 0, 0, 0, 0), counters.snapshot());
    }

    @Test
    void dropsShortMismatchedAndOversizedMessages() {
        assertEquals(DatagramHandler.NO_REPLY, control.handle(sockperf(SockperfWire.CLIENT | 2, 14).limit(13)));
        ByteBuffer mismatch = sockperf(SockperfWire.CLIENT | SockperfWire.PONG_REQUEST, 64);
        SockperfWire.writeHeader(mismatch, 1, SockperfWire.CLIENT | SockperfWire.PONG_REQUEST, 65);
        assertEquals(DatagramHandler.NO_REPLY, control.handle(mismatch));
        ByteBuffer huge = sockperf(SockperfWire.CLIENT | SockperfWire.PONG_REQUEST, 64);
        SockperfWire.writeHeader(huge, 1, SockperfWire.CLIENT | SockperfWire.PONG_REQUEST, 65508);
        assertEquals(DatagramHandler.NO_REPLY, control.handle(huge));
        assertEquals(new HandlerStats(0, 0, 2, 1, 0, 0), counters.snapshot());
    }

    @Test
    void handshakeOpensOneEchoPortPerThreadAndRepliesWithTheirNumbers() {
        ByteBuffer request = ByteBuffer.allocate(DatagramHandler.MIN_CAPACITY);
        NetperfWire.writeControlRequest(request, 3);
        request.limit(NetperfWire.CONTROL_REQUEST_SIZE);
        // The bytes Caladan's client sends on x86: 'hcbn' then 3 in little endian.
        assertArrayEquals(new byte[] {0x68, 0x63, 0x62, 0x6e, 3, 0, 0, 0}, Arrays.copyOf(request.array(), 8));

        assertEquals(NetperfWire.controlReplySize(3), control.handle(request));

        assertEquals(List.of(40000, 40001, 40002), opened);
        assertEquals(NetperfWire.MAGIC, NetperfWire.u32(request, 0));
        assertEquals(3, NetperfWire.u32(request, 4));
        for (int i = 0; i < 3; i++) {
            assertEquals(40000 + i, NetperfWire.replyPort(request, i));
        }
    }

    @Test
    void rejectsHandshakesForTooFewOrTooManyPortsOrWhenAPortCannotOpen() {
        for (int nports : new int[] {0, -5, NetperfControlHandler.MAX_PORTS + 1}) {
            ByteBuffer request = ByteBuffer.allocate(DatagramHandler.MIN_CAPACITY);
            NetperfWire.writeControlRequest(request, nports);
            assertEquals(DatagramHandler.NO_REPLY, control.handle(request.limit(8)));
        }
        ByteBuffer badMagic = ByteBuffer.allocate(DatagramHandler.MIN_CAPACITY).putInt(0, 0x01020304);
        assertEquals(DatagramHandler.NO_REPLY, control.handle(badMagic.limit(8)));
        NetperfControlHandler failing = new NetperfControlHandler(counters, () -> EchoPorts.FAILED);
        ByteBuffer request = ByteBuffer.allocate(DatagramHandler.MIN_CAPACITY);
        NetperfWire.writeControlRequest(request, 1);
        assertEquals(DatagramHandler.NO_REPLY, failing.handle(request.limit(8)));
        assertEquals(new HandlerStats(0, 0, 1, 0, 4, 0), counters.snapshot());
        assertEquals(List.of(), opened);
    }

    @Test
    void echoPortEchoesAnythingAndClosesOnKill() {
        int[] closes = {0};
        EchoHandler echo = new EchoHandler(counters, () -> closes[0]++);
        ByteBuffer payload = ByteBuffer.allocate(DatagramHandler.MIN_CAPACITY);
        NetperfWire.writeEcho(payload, 0, 9);
        assertEquals(32, echo.handle(payload.limit(32)));
        assertEquals(9, NetperfWire.echoIndex(payload));
        assertEquals(3, echo.handle(payload.limit(3)));
        NetperfWire.writeEcho(payload.limit(32), NetperfWire.KILL, 0);
        assertEquals(DatagramHandler.NO_REPLY, echo.handle(payload));
        assertEquals(1, closes[0]);
        assertEquals(new HandlerStats(2, 1, 0, 0, 0, 0), counters.snapshot());
    }
}
