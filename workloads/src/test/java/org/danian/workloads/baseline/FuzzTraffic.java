package org.danian.workloads.baseline;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.danian.workloads.protocol.SockperfWire;
import org.danian.workloads.protocol.SyntheticWire;
import org.danian.workloads.server.Outcome;

/**
 * Seeded streams of datagrams for the fuzz tests: valid requests interleaved with random and
 * malformed ones, each tagged with the outcome the server must give it.
 */
public final class FuzzTraffic {

    /** One datagram to send, the outcome it must get, and for an answered one its id. */
    public record Datagram(byte[] bytes, Outcome expected, long id) {
    }

    private FuzzTraffic() {
    }

    static byte[] random(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Synthetic server traffic; a valid request's id is its index. */
    public static Datagram synthetic(SplittableRandom random, long id, long maxWork) {
        int kind = random.nextInt(10);
        ByteBuffer valid = ByteBuffer.allocate(SyntheticWire.SIZE);
        SyntheticWire.write(valid, random.nextInt(200), id, random.nextLong());
        return switch (kind) {
            case 0, 1, 2 -> new Datagram(valid.array(), Outcome.REPLIED, id);
            case 3 -> new Datagram(random(random, random.nextInt(SyntheticWire.SIZE)), Outcome.MALFORMED, -1);
            case 4 -> new Datagram(random(random, SyntheticWire.SIZE + 1 + random.nextInt(500)), Outcome.OVERSIZED, -1);
            case 5 -> {
                byte[] bytes = random(random, SyntheticWire.SIZE);
                bytes[0] |= (byte) 0x80; // an unsigned work count of 2^63 or more
                yield new Datagram(bytes, Outcome.REJECTED, -1);
            }
            case 6 -> {
                SyntheticWire.write(valid, maxWork + 1 + random.nextInt(1000), id, 0);
                yield new Datagram(valid.array(), Outcome.REJECTED, -1);
            }
            case 7 -> new Datagram(java.util.Arrays.copyOf(valid.array(), random.nextInt(SyntheticWire.SIZE)),
                    Outcome.MALFORMED, -1);
            default -> new Datagram(java.util.Arrays.copyOf(valid.array(), SyntheticWire.SIZE + 1 + random.nextInt(8)),
                    Outcome.OVERSIZED, -1);
        };
    }

    /** Netperf control-port traffic (sockperf and garbage); an answered message's id is its sequence. */
    public static Datagram sockperf(SplittableRandom random, long id) {
        int kind = random.nextInt(10);
        int length = SockperfWire.HEADER_SIZE + random.nextInt(200);
        byte[] bytes = random(random, length);
        ByteBuffer message = ByteBuffer.wrap(bytes);
        int pong = SockperfWire.CLIENT | SockperfWire.PONG_REQUEST;
        switch (kind) {
            case 0, 1, 2 -> {
                SockperfWire.writeHeader(message, id, pong, length);
                return new Datagram(bytes, Outcome.REPLIED, id);
            }
            case 3 -> {
                int[] silent = {SockperfWire.CLIENT, pong | SockperfWire.WARMUP, SockperfWire.PONG_REQUEST, 0};
                SockperfWire.writeHeader(message, id, silent[random.nextInt(silent.length)], length);
                return new Datagram(bytes, Outcome.IGNORED, -1);
            }
            case 4 -> {
                SockperfWire.writeHeader(message, id, pong, length + 1 + random.nextInt(100));
                return new Datagram(bytes, Outcome.MALFORMED, -1);
            }
            case 5 -> {
                SockperfWire.writeHeader(message, id, pong, SockperfWire.MAX_UDP_MESSAGE + 1 + random.nextInt(1 << 20));
                return new Datagram(bytes, Outcome.OVERSIZED, -1);
            }
            case 6 -> {
                byte[] shortOne = random(random, random.nextInt(SockperfWire.HEADER_SIZE));
                if (shortOne.length == 8) {
                    shortOne[0] = 0; // never the handshake's magic
                }
                return new Datagram(shortOne, Outcome.MALFORMED, -1);
            }
            default -> {
                message.putInt(10, length - 1 - random.nextInt(length)); // garbage with a wrong length
                return new Datagram(bytes, Outcome.MALFORMED, -1);
            }
        }
    }
}
