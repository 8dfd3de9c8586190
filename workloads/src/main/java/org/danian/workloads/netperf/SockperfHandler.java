package org.danian.workloads.netperf;

import java.nio.ByteBuffer;
import org.danian.workloads.protocol.SockperfWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.Outcome;

/**
 * A sockperf server's duties over UDP (workloads/README.md, "Protocols"): answer a client message
 * that asks for a reply (PONG_REQUEST) with the whole message, the CLIENT bit cleared and
 * every other byte unchanged (the client's {@code --data-integrity} compares them all); send
 * nothing for any other well-formed message, since an extra reply is a duplicate to the client.
 *
 * <p>Dropped: shorter than the header, or a length field that is not the datagram's length
 * (malformed); a length above 65507 bytes (oversized).
 */
public final class SockperfHandler implements DatagramHandler {

    private final HandlerCounters counters;

    public SockperfHandler(HandlerCounters counters) {
        this.counters = counters;
    }

    @Override
    public int handle(ByteBuffer datagram) {
        int length = datagram.limit();
        if (length < SockperfWire.HEADER_SIZE) {
            return counters.drop(Outcome.MALFORMED);
        }
        long claimed = SockperfWire.length(datagram);
        if (claimed > SockperfWire.MAX_UDP_MESSAGE || length > SockperfWire.MAX_UDP_MESSAGE) {
            return counters.drop(Outcome.OVERSIZED);
        }
        if (claimed != length) {
            return counters.drop(Outcome.MALFORMED);
        }
        int flags = SockperfWire.flags(datagram);
        if ((flags & SockperfWire.CLIENT) == 0 || (flags & SockperfWire.WARMUP) != 0
                || (flags & SockperfWire.PONG_REQUEST) == 0) {
            counters.count(Outcome.IGNORED);
            return NO_REPLY;
        }
        SockperfWire.putFlags(datagram, flags & ~SockperfWire.CLIENT);
        return counters.reply(length);
    }
}
