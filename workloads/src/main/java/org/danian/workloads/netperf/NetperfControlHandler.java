package org.danian.workloads.netperf;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import org.danian.workloads.protocol.NetperfWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.Outcome;

/**
 * The netperf server's control port: an 8-byte datagram starting with the magic {@code 'nbch'}
 * is Caladan's handshake (open {@code nports} echo ports, reply with their numbers); anything
 * else is a sockperf message. The two cannot be confused: a sockperf message is at least 14
 * bytes long.
 *
 * <p>A handshake asking for fewer than one or more than {@link #MAX_PORTS} ports is rejected,
 * and so is one for which not every port could be opened (the ports that were opened are left
 * to the server's clean-up: an echo port without a client costs one socket until it expires
 * or the server stops). The engine's server limits the ports per client and overall and expires
 * idle ones; a {@link HandshakeRateLimit} bounds how often one address has a handshake
 * answered. A handshake over either limit gets no reply and counts as rejected.
 */
public final class NetperfControlHandler implements DatagramHandler {

    /** The most echo ports one handshake may ask for (Caladan's sweeps go to 200 threads). */
    public static final int MAX_PORTS = 256;

    private final HandlerCounters counters;
    private final EchoPorts echoPorts;
    private final SockperfHandler sockperf;
    private final HandshakeRateLimit rateLimit;

    /** A control port whose handshakes are not rate-limited (the baseline, tests). */
    public NetperfControlHandler(HandlerCounters counters, EchoPorts echoPorts) {
        this(counters, echoPorts, HandshakeRateLimit.unlimited());
    }

    /** A control port answering each source address's handshakes at most as {@code rateLimit} allows. */
    public NetperfControlHandler(HandlerCounters counters, EchoPorts echoPorts, HandshakeRateLimit rateLimit) {
        this.counters = counters;
        this.echoPorts = echoPorts;
        this.sockperf = new SockperfHandler(counters);
        this.rateLimit = rateLimit;
    }

    @Override
    public int handle(ByteBuffer datagram) {
        return handle(datagram, null);
    }

    /**
     * As {@link #handle(ByteBuffer)}, knowing who sent the datagram: the echo ports of a
     * handshake are opened for that client ({@link EchoPorts#open(InetAddress)}).
     *
     * @param client the source address, or null if unknown
     */
    public int handle(ByteBuffer datagram, InetAddress client) {
        if (datagram.limit() == NetperfWire.CONTROL_REQUEST_SIZE) {
            return handshake(datagram, client);
        }
        return sockperf.handle(datagram);
    }

    private int handshake(ByteBuffer datagram, InetAddress client) {
        if (!NetperfWire.isControlRequest(datagram)) {
            return counters.drop(Outcome.MALFORMED);
        }
        int nports = NetperfWire.requestedPorts(datagram);
        int replySize = NetperfWire.controlReplySize(Math.max(nports, 0));
        if (nports < 1 || nports > MAX_PORTS || replySize > datagram.capacity() || !rateLimit.admit(client)) {
            return counters.drop(Outcome.REJECTED);
        }
        datagram.limit(replySize);
        NetperfWire.writeControlReplyHeader(datagram, nports);
        for (int i = 0; i < nports; i++) {
            int port = client == null ? echoPorts.open() : echoPorts.open(client);
            if (port == EchoPorts.FAILED) {
                return counters.drop(Outcome.REJECTED);
            }
            NetperfWire.putReplyPort(datagram, i, port);
        }
        return counters.reply(replySize);
    }
}
