package org.danian.driver.dpdk;

import static org.danian.driver.dpdk.NetworkMemory.IO;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import org.danian.spi.net.DriverCounters;
import org.danian.spi.net.PacketDriver;
import org.danian.spi.net.PacketSink;

/**
 * The DPDK driver's data path over one {@link NicQueue}: the polling thread receives a burst of
 * Ethernet frames, answers ARP for the driver's address, parses IPv4/UDP itself and steers each
 * datagram by destination port through a plain array ({@link DpdkPorts}), as Caladan's IOKernel
 * does on its dedicated core (OSDI'20 §4); replies leave in bursts with their checksums
 * written.
 *
 * <p><b>Receive.</b> Each datagram's payload is copied into a pooled packet's direct buffer and
 * its mbuf goes back to DPDK with the whole burst in one bulk free, so sinks never hold NIC
 * buffers and the mbuf pool cannot run dry under a slow workload. ARP requests are rewritten
 * in place and sent back at the end of the burst. <b>Transmit.</b> {@link #flush} takes the
 * queued replies a burst at a time, allocates mbufs in bulk, writes each frame and transmits the
 * burst; mbufs the NIC did not take are freed and counted as failed.
 *
 * <p><b>Counting.</b> Every frame is counted once ({@link DpdkStats}); every datagram to our
 * address once as delivered or under one drop reason of {@link DriverCounters}.
 *
 * <p><b>Not allocating.</b> The mbuf pointer arrays, the packets and the parser are made here;
 * {@link #poll} and {@link #flush} allocate nothing while the set of senders is steady
 * ({@link RemoteAddresses}). It never blocks: a kernel-bypass queue raises no wake-up, so the
 * scheduler loop busy-polls it ({@link PacketDriver#canBlock()} stays false).
 */
final class DpdkPacketDriver implements PacketDriver {

    /**
     * Sizes of the data path.
     *
     * @param maxPayload the largest UDP payload delivered; larger datagrams are oversized
     * @param packets pooled packets, a power of two: the most packets sinks can hold
     * @param burst the most frames one receive or transmit call moves
     */
    record Sizes(int maxPayload, int packets, int burst) {

        Sizes {
            if (maxPayload < 1) {
                throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
            }
            if (packets < 2 || Integer.bitCount(packets) != 1) {
                throw new IllegalArgumentException("packets must be a power of two >= 2: " + packets);
            }
            if (burst < 1 || burst > 512) {
                throw new IllegalArgumentException("burst must be 1..512: " + burst);
            }
        }
    }

    private final NicQueue nic;
    private final MbufLayout layout;
    private final long mac;
    private final int ip;
    private final Sizes sizes;
    private final DpdkPorts ports = new DpdkPorts();
    private final DpdkStats stats = new DpdkStats();
    private final DpdkPacketPool pool;
    private final UdpFrameParser parser = new UdpFrameParser();
    private final RemoteAddresses remotes = new RemoteAddresses(1024);
    private final long received;
    private final long toFree;
    private final long toSend;
    private final DpdkPacket[] pending;
    private int identification;
    private volatile boolean closed;

    /** @param ip the driver's IPv4 address, as a big-endian int */
    DpdkPacketDriver(NicQueue nic, int ip, Sizes sizes) {
        this.nic = nic;
        this.layout = nic.layout();
        this.mac = nic.mac();
        this.ip = ip;
        this.sizes = sizes;
        if (UdpFrameWriter.HEADERS + sizes.maxPayload() > layout.dataRoom()) {
            throw new IllegalArgumentException("maxPayload " + sizes.maxPayload() + " does not fit an mbuf's "
                    + layout.dataRoom() + " bytes with the headers");
        }
        this.pool = new DpdkPacketPool(sizes.packets(), sizes.maxPayload());
        this.received = IO.allocateMemory(8L * sizes.burst(), true);
        this.toFree = IO.allocateMemory(8L * sizes.burst(), true);
        this.toSend = IO.allocateMemory(8L * sizes.burst(), true);
        this.pending = new DpdkPacket[sizes.burst()];
    }

    /** The name under which the kernel's {@code packetDriver} setting finds this driver. */
    static final String NAME = "dpdk";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int open(InetSocketAddress local) throws IOException {
        if (closed) {
            throw new IllegalStateException("driver is closed; cannot open " + local);
        }
        if (!local.getAddress().isAnyLocalAddress() && !(local.getAddress() instanceof Inet4Address
                && ipOf((Inet4Address) local.getAddress()) == ip)) {
            throw new BindException("the dpdk driver owns " + ipText(ip) + " only; cannot bind " + local);
        }
        return ports.open(local.getPort());
    }

    @Override
    public void attach(int port, PacketSink sink) {
        if (sink == null) {
            throw new NullPointerException("sink for port " + port);
        }
        ports.sink(port, sink);
    }

    @Override
    public void detach(int port) {
        ports.sink(port, DpdkPorts.DETACHED);
    }

    @Override
    public void close(int port) {
        ports.close(port);
    }

    /** The ports open now (status and tests). */
    int[] openPorts() {
        return ports.open();
    }

    @Override
    public int poll() {
        if (closed) {
            return 0;
        }
        int frames = nic.receive(received, sizes.burst());
        if (frames == 0) {
            return 0;
        }
        stats.add(DpdkStats.FRAMES, frames);
        int freed = 0;
        int answered = 0;
        int datagrams = 0;
        for (int i = 0; i < frames; i++) {
            long mbuf = IO.getAddress(received + 8L * i);
            long frame = layout.frame(mbuf);
            int kind = parser.parse(frame, layout.length(mbuf), layout.segmented(mbuf), ip, layout.l4Checksum(mbuf));
            if (kind == UdpFrameParser.ARP_REQUEST) {
                ArpReplies.answerInPlace(frame, mac, ip);
                IO.putAddress(toSend + 8L * answered++, mbuf);
                continue;
            }
            IO.putAddress(toFree + 8L * freed++, mbuf);
            if (kind == UdpFrameParser.OTHER) {
                stats.bump(DpdkStats.OTHER);
                continue;
            }
            datagrams++;
            stats.bump(DpdkStats.RECEIVED);
            if (kind == UdpFrameParser.DATAGRAM) {
                deliver();
            } else if (kind == UdpFrameParser.BAD_CHECKSUM) {
                stats.bump(DpdkStats.BAD_CHECKSUM);
            } else {
                stats.bump(kind == UdpFrameParser.MALFORMED ? DpdkStats.MALFORMED : DpdkStats.TRUNCATED);
            }
        }
        nic.free(toFree, freed);
        if (answered > 0) {
            sendArpReplies(answered);
        }
        return datagrams;
    }

    /** Steers the datagram the parser holds, or counts why it is dropped. */
    private void deliver() {
        if (parser.payloadLength > sizes.maxPayload()) {
            stats.bump(DpdkStats.OVERSIZED);
            return;
        }
        PacketSink sink = ports.sink(parser.localPort);
        if (sink == null || sink == DpdkPorts.DETACHED) {
            stats.bump(DpdkStats.UNROUTABLE);
            return;
        }
        DpdkPacket packet = pool.takeFree();
        if (packet == null) {
            stats.bump(DpdkStats.NO_BUFFER);
            return;
        }
        packet.fill(parser, remotes.of(parser.remoteIp, parser.remotePort));
        boolean accepted;
        try {
            accepted = sink.offer(packet);
        } catch (RuntimeException e) {
            accepted = false; // a sink that throws broke its contract; the packet counts as refused
        }
        if (accepted) {
            stats.bump(DpdkStats.DELIVERED);
        } else {
            stats.bump(DpdkStats.INGRESS_FULL);
            pool.recycle(packet);
        }
    }

    private void sendArpReplies(int count) {
        int sent = nic.transmit(toSend, count);
        stats.add(DpdkStats.ARP_REPLIES, sent);
        if (sent < count) {
            nic.free(toSend + 8L * sent, count - sent); // the requester asks again
        }
    }

    @Override
    public int flush() {
        if (closed) {
            return 0;
        }
        int sentNow = 0;
        // Bounded: at most the whole pool is queued; kthreads queueing meanwhile wait a loop.
        for (int round = 0; round <= sizes.packets() / sizes.burst(); round++) {
            int count = 0;
            DpdkPacket packet;
            while (count < pending.length && (packet = pool.takeReply()) != null) {
                pending[count++] = packet;
            }
            if (count == 0) {
                break;
            }
            sentNow += transmit(count);
        }
        return sentNow;
    }

    /**
     * Builds and transmits the {@code count} pending replies, then recycles them; returns how
     * many left. The mbufs are interchangeable: the k-th reply whose port is still open goes in
     * the k-th mbuf, so the frames are the array's first entries and the unused mbufs follow.
     */
    private int transmit(int count) {
        boolean allocated = nic.allocate(toSend, count);
        int frames = 0;
        if (allocated) {
            for (int i = 0; i < count; i++) {
                DpdkPacket reply = pending[i];
                if (ports.isOpen(reply.localPort())) {
                    build(IO.getAddress(toSend + 8L * frames++), reply);
                }
            }
        }
        int sent = frames == 0 ? 0 : nic.transmit(toSend, frames);
        if (allocated && sent < count) {
            nic.free(toSend + 8L * sent, count - sent); // unsent frames, and mbufs left unused
        }
        stats.add(DpdkStats.SENT, sent);
        stats.add(DpdkStats.TRANSMIT_FAILED, count - sent);
        for (int i = 0; i < count; i++) {
            pool.recycle(pending[i]);
            pending[i] = null;
        }
        return sent;
    }

    private void build(long mbuf, DpdkPacket reply) {
        long frame = layout.frame(mbuf);
        int length = reply.payload().limit();
        IO.copyMemory(reply.payloadAddress(), frame + UdpFrameWriter.HEADERS, length);
        identification = (identification + 1) & 0xffff;
        layout.length(mbuf, UdpFrameWriter.write(frame, mac, reply.remoteMac(), ip, reply.remoteIp(),
                reply.localPort(), reply.remotePort(), length, identification));
    }

    /**
     * The datagrams' counters and, in {@link DriverCounters#driverSpecific()}, the frames' (see
     * {@link DpdkStats}), with the frames the NIC dropped for want of room in its receive ring
     * ({@code nicMissed}) while the port is open. Any thread.
     */
    @Override
    public DriverCounters counters() {
        return stats.snapshot(closed ? -1 : nic.missed());
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int port : ports.open()) {
            ports.close(port);
        }
        nic.close();
        IO.freeMemory(received);
        IO.freeMemory(toFree);
        IO.freeMemory(toSend);
    }

    static int ipOf(Inet4Address address) {
        byte[] bytes = address.getAddress();
        return (bytes[0] & 0xff) << 24 | (bytes[1] & 0xff) << 16 | (bytes[2] & 0xff) << 8 | (bytes[3] & 0xff);
    }

    static String ipText(int ip) {
        return (ip >>> 24) + "." + (ip >>> 16 & 0xff) + "." + (ip >>> 8 & 0xff) + "." + (ip & 0xff);
    }
}
