package org.danian.driver.dpdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Frame parsing and building on native memory, without DPDK. */
class UdpFramesTest {

    private final TestFrames frames = new TestFrames();
    private final UdpFrameParser parser = new UdpFrameParser();

    @Test
    void aWrittenDatagramParsesBackWithItsAddresses() {
        byte[] payload = "hello, dpdk".getBytes(StandardCharsets.US_ASCII);
        int length = frames.datagram(9000, payload);
        assertEquals(42 + payload.length, length);
        assertEquals(UdpFrameParser.DATAGRAM, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
        assertEquals(9000, parser.localPort);
        assertEquals(TestFrames.CLIENT_PORT, parser.remotePort);
        assertEquals(TestFrames.CLIENT_IP, parser.remoteIp);
        assertEquals(TestFrames.CLIENT_MAC, parser.remoteMac);
        assertEquals(payload.length, parser.payloadLength);
        byte[] read = new byte[payload.length];
        NetworkMemory.IO.getByteArray(parser.payloadAddress, read, 0, read.length);
        assertArrayEquals(payload, read);
    }

    @Test
    void checksumsMatchAPlainReferenceComputation() {
        byte[] payload = new byte[] {1, 2, 3, 4, 5, (byte) 0xff, (byte) 0xfe}; // odd length: the pad byte
        int length = frames.datagram(53, payload);
        byte[] frame = new byte[length];
        NetworkMemory.IO.getByteArray(frames.buffer, frame, 0, length);
        assertEquals(referenceChecksum(frame, 14, 20, 0, 10), word(frame, 24));
        long pseudo = word(frame, 26) + word(frame, 28) + word(frame, 30) + word(frame, 32) + 17 + (length - 34);
        assertEquals(referenceChecksum(frame, 34, length - 34, pseudo, 6), word(frame, 40));
    }

    /** RFC 1071 over bytes, with the checksum field at {@code field} taken as zero. */
    private static int referenceChecksum(byte[] frame, int start, int length, long initial, int field) {
        long sum = initial;
        for (int i = 0; i < length; i += 2) {
            if (i == field) {
                continue;
            }
            int high = frame[start + i] & 0xff;
            int low = i + 1 < length ? frame[start + i + 1] & 0xff : 0;
            sum += high << 8 | low;
        }
        while (sum >> 16 != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    private static int word(byte[] frame, int at) {
        return (frame[at] & 0xff) << 8 | (frame[at + 1] & 0xff);
    }

    @Test
    void brokenHeadersAreMalformed() {
        int length = frames.datagram(9000, new byte[16]);
        expectAfter(length, () -> frames.put8(14, 0x65), UdpFrameParser.MALFORMED); // IPv6 version in an IPv4 frame
        expectAfter(length, () -> frames.put8(14, 0x44), UdpFrameParser.MALFORMED); // header length 16 bytes
        expectAfter(length, () -> frames.put8(22, 63), UdpFrameParser.MALFORMED); // TTL changed, checksum stale
        expectAfter(length, () -> {
            frames.put16(20, 0x2000); // more fragments
            frames.fixIpChecksum();
        }, UdpFrameParser.MALFORMED);
        expectAfter(length, () -> frames.put16(38, 400), UdpFrameParser.MALFORMED); // UDP length beyond IP's
        expectAfter(length, () -> frames.put16(38, 7), UdpFrameParser.MALFORMED); // UDP length below its header
        expectAfter(length, () -> frames.put16(36, 0), UdpFrameParser.MALFORMED); // destination port 0
        expectAfter(length, () -> {
            frames.put16(16, 27);
            frames.fixIpChecksum();
        }, UdpFrameParser.MALFORMED); // total length below IP + UDP headers
        assertEquals(UdpFrameParser.MALFORMED, parser.parse(frames.buffer, 13, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
        assertEquals(UdpFrameParser.MALFORMED, parser.parse(frames.buffer, 30, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
    }

    @Test
    void theUdpChecksumIsVerifiedUnlessZeroOrSettledByTheNic() {
        int length = frames.datagram(9000, new byte[] {5, 6, 7}); // odd: the sum pads the last byte
        int unknown = MbufLayout.L4_CHECKSUM_UNKNOWN;
        assertEquals(UdpFrameParser.DATAGRAM, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP, unknown));
        assertEquals(UdpFrameParser.BAD_CHECKSUM, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP,
                MbufLayout.L4_CHECKSUM_BAD), "the NIC's verdict wins");
        frames.put8(44, 8); // the last payload byte
        assertEquals(UdpFrameParser.BAD_CHECKSUM, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP, unknown));
        assertEquals(UdpFrameParser.DATAGRAM, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP,
                MbufLayout.L4_CHECKSUM_GOOD));
        assertEquals(UdpFrameParser.DATAGRAM, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP,
                MbufLayout.L4_CHECKSUM_NONE), "partial checksum, data verified");
        frames.put16(40, 0);
        assertEquals(UdpFrameParser.DATAGRAM, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP, unknown),
                "zero: the sender computed none (RFC 768)");
    }

    @Test
    void aDatagramLongerThanItsFrameOrSegmentedIsTruncated() {
        int length = frames.datagram(9000, new byte[100]);
        assertEquals(UdpFrameParser.TRUNCATED, parser.parse(frames.buffer, length - 1, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
        assertEquals(UdpFrameParser.TRUNCATED, parser.parse(frames.buffer, length, true, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
        assertEquals(UdpFrameParser.DATAGRAM, parser.parse(frames.buffer, length + 20, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN),
                "Ethernet padding after the datagram is allowed");
    }

    @Test
    void trafficForOthersIsOther() {
        int length = frames.datagram(9000, new byte[8]);
        assertEquals(UdpFrameParser.OTHER, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP + 1, MbufLayout.L4_CHECKSUM_UNKNOWN));
        expectAfter(length, () -> frames.put16(12, 0x86dd), UdpFrameParser.OTHER); // IPv6
        expectAfter(length, () -> {
            frames.put8(23, 6); // TCP
            frames.fixIpChecksum();
        }, UdpFrameParser.OTHER);
        int arp = frames.arpRequest(TestFrames.DRIVER_IP + 1);
        assertEquals(UdpFrameParser.OTHER, parser.parse(frames.buffer, arp, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
    }

    @Test
    void anArpRequestForUsBecomesItsReplyInPlace() {
        int length = frames.arpRequest(TestFrames.DRIVER_IP);
        assertEquals(UdpFrameParser.ARP_REQUEST, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
        ArpReplies.answerInPlace(frames.buffer, MemoryNic.MAC, TestFrames.DRIVER_IP);
        long b = frames.buffer;
        assertEquals(TestFrames.CLIENT_MAC, NetworkMemory.mac(b), "to the requester");
        assertEquals(MemoryNic.MAC, NetworkMemory.mac(b + 6), "from us");
        assertEquals(2, NetworkMemory.u16(b + 20), "operation: reply");
        assertEquals(MemoryNic.MAC, NetworkMemory.mac(b + 22), "sender hardware address: ours");
        assertEquals(TestFrames.DRIVER_IP, NetworkMemory.u32(b + 28));
        assertEquals(TestFrames.CLIENT_MAC, NetworkMemory.mac(b + 32));
        assertEquals(TestFrames.CLIENT_IP, NetworkMemory.u32(b + 38));
    }

    private void expectAfter(int length, Runnable change, int expected) {
        byte[] saved = new byte[length];
        NetworkMemory.IO.getByteArray(frames.buffer, saved, 0, length);
        change.run();
        assertEquals(expected, parser.parse(frames.buffer, length, false, TestFrames.DRIVER_IP, MbufLayout.L4_CHECKSUM_UNKNOWN));
        NetworkMemory.IO.putByteArray(frames.buffer, saved, 0, length);
    }
}
