package org.danian.workloads.netperf;

import java.nio.ByteBuffer;
import org.danian.workloads.protocol.NetperfWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.Outcome;

/**
 * One netperf echo port: sends every datagram back unchanged (Caladan's {@code ServerWorker}),
 * except a kill message, which closes the port. One instance per port; thread-safe.
 */
public final class EchoHandler implements DatagramHandler {

    private final HandlerCounters counters;
    private final Runnable closePort;

    /**
     * @param closePort closes this handler's port; called once per kill message received
     *     (clients send several), so it must tolerate repeats
     */
    public EchoHandler(HandlerCounters counters, Runnable closePort) {
        this.counters = counters;
        this.closePort = closePort;
    }

    @Override
    public int handle(ByteBuffer datagram) {
        if (NetperfWire.isKill(datagram)) {
            counters.count(Outcome.IGNORED);
            closePort.run();
            return NO_REPLY;
        }
        return counters.reply(datagram.limit());
    }
}
