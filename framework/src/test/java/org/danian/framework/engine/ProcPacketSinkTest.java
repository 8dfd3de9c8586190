package org.danian.framework.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

import org.danian.framework.affinity.NativeThreadsLoader;
import org.danian.framework.metrics.KernelMetrics;
import org.danian.framework.net.PacketRing;
import org.danian.framework.runtime.ProcRuntime;
import org.danian.framework.runtime.RuntimeContext;
import org.danian.framework.runtime.SpinThenPark;
import org.danian.spi.CoreTopology;
import org.danian.spi.net.Packet;
import org.junit.jupiter.api.Test;

/**
 * Backpressure per proc: a port's sink has room only while a pooled task is free and its
 * proc's ingress is under its limit, so one flooded proc cannot take the tasks every port
 * needs; the driver leaves what has no room in the socket buffer.
 */
class ProcPacketSinkTest {

    private final KernelMetrics metrics = new KernelMetrics();
    private final RuntimeContext context = new RuntimeContext(CoreTopology.noSiblings(2),
            NativeThreadsLoader.unpinned("sink test"), new SpinThenPark());

    @Test
    void aProcAtItsIngressLimitHasNoRoomWhileTasksRemainForOthers() {
        PacketRing<PacketTask> tasks = pool(8);
        ProcRuntime flooded = proc("flooded");
        ProcRuntime neighbour = proc("neighbour");
        ProcPacketSink floodedSink = new ProcPacketSink(flooded, Packet::reply, tasks, metrics.handOffs(), 3);
        ProcPacketSink neighbourSink = new ProcPacketSink(neighbour, Packet::reply, tasks, metrics.handOffs(), 3);

        for (int i = 0; i < 3; i++) {
            assertTrue(floodedSink.hasRoom(), "room before packet " + i);
            assertTrue(floodedSink.offer(new HeldPacket()));
        }
        assertEquals(3, flooded.ingress().size());
        assertFalse(floodedSink.hasRoom(), "the flooded proc's ingress is at its limit");
        assertFalse(floodedSink.offer(new HeldPacket()), "an offer beyond the limit is refused");
        assertEquals(5, free(tasks), "a refused offer takes no task");
        assertTrue(neighbourSink.hasRoom(), "the neighbour still has tasks to take");
        assertTrue(neighbourSink.offer(new HeldPacket()));

        flooded.ingress().poll().run(); // a kthread answers one: the packet and its task go back
        assertTrue(floodedSink.hasRoom(), "room again once the ingress drains below the limit");
        assertEquals(5, free(tasks));
    }

    @Test
    void anEmptyPoolLeavesNoRoomAndAClosingProcAlwaysHasRoomToRefuse() {
        PacketRing<PacketTask> tasks = pool(2);
        ProcRuntime proc = proc("small");
        ProcPacketSink sink = new ProcPacketSink(proc, Packet::reply, tasks, metrics.handOffs(), 10);
        assertTrue(sink.offer(new HeldPacket()));
        assertTrue(sink.offer(new HeldPacket()));
        assertFalse(sink.hasRoom(), "no free task");
        proc.beginClose();
        assertTrue(sink.hasRoom(), "a closing proc takes packets only to refuse and count them");
        assertFalse(sink.offer(new HeldPacket()));
    }

    @Test
    void aLimitBelowOneIsRefusedNamingIt() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new ProcPacketSink(proc("p"), Packet::reply, pool(2), metrics.handOffs(), 0));
        assertTrue(refused.getMessage().contains("ingressLimit must be positive: 0"), refused.getMessage());
    }

    private PacketRing<PacketTask> pool(int size) {
        PacketRing<PacketTask> tasks = new PacketRing<>(size);
        for (int i = 0; i < size; i++) {
            tasks.offer(new PacketTask(tasks, metrics));
        }
        return tasks;
    }

    /** Free tasks in the pool, counted by taking them all and putting them back. */
    private static int free(PacketRing<PacketTask> tasks) {
        java.util.List<PacketTask> taken = new java.util.ArrayList<>();
        for (PacketTask task = tasks.poll(); task != null; task = tasks.poll()) {
            taken.add(task);
        }
        taken.forEach(tasks::offer);
        return taken.size();
    }

    private ProcRuntime proc(String name) {
        return new ProcRuntime(name, 1, context, 1, (kthread, cpu) -> { });
    }

    /** A received datagram as a driver holds it until released. */
    private static final class HeldPacket implements Packet {
        private final ByteBuffer payload = ByteBuffer.allocate(8);

        @Override
        public ByteBuffer payload() {
            return payload;
        }

        @Override
        public int localPort() {
            return 9;
        }

        @Override
        public InetSocketAddress remote() {
            return new InetSocketAddress("127.0.0.1", 9);
        }

        @Override
        public void reply() {
        }

        @Override
        public void release() {
        }
    }
}
