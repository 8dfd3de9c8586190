package org.danian.workloads.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.danian.workloads.protocol.SyntheticWire;
import org.danian.workloads.server.DatagramHandler;
import org.danian.workloads.server.HandlerCounters;
import org.danian.workloads.server.HandlerStats;
import org.junit.jupiter.api.Test;

class SyntheticHandlerTest {

    private final HandlerCounters counters = new HandlerCounters();
    private final SyntheticHandler handler = new SyntheticHandler(new StridedMemWork(7), counters, 1_000_000);

    private static ByteBuffer request(long work, long index, long randomness) {
        ByteBuffer buffer = ByteBuffer.allocate(DatagramHandler.MIN_CAPACITY);
        SyntheticWire.write(buffer, work, index, randomness);
        return buffer.limit(SyntheticWire.SIZE);
    }

    @Test
    void repliesWithTheRequestAndTheServerTimestampInPlaceOfRandomness() {
        ByteBuffer buffer = request(500, 42, 0xdead_beefL);
        long before = System.currentTimeMillis() * 1000 - 1_000_000;

        assertEquals(SyntheticWire.SIZE, handler.handle(buffer));

        assertEquals(500, SyntheticWire.workIterations(buffer));
        assertEquals(42, SyntheticWire.index(buffer));
        long stamp = SyntheticWire.randomness(buffer);
        assertTrue(stamp > before && stamp < System.currentTimeMillis() * 1000 + 1_000_000, "timestamp " + stamp);
        assertEquals(0, buffer.position());
        assertEquals(new HandlerStats(1, 0, 0, 0, 0, 0), counters.snapshot());
    }

    @Test
    void dropsWrongLengthsAndExcessiveWorkWithTheirReasons() {
        assertEquals(DatagramHandler.NO_REPLY, handler.handle(request(1, 1, 1).limit(23)));
        assertEquals(DatagramHandler.NO_REPLY, handler.handle(request(1, 1, 1).limit(25)));
        assertEquals(DatagramHandler.NO_REPLY, handler.handle(request(1_000_001, 1, 1)));
        assertEquals(DatagramHandler.NO_REPLY, handler.handle(request(-1, 1, 1))); // 2^64 - 1 iterations
        assertEquals(new HandlerStats(0, 0, 1, 1, 2, 0), counters.snapshot());
    }

    @Test
    void longWorkCallsTheCedeCheckBetweenChunksOnly() {
        AtomicInteger cedes = new AtomicInteger();
        StridedMemWork work = new StridedMemWork(3, cedes::incrementAndGet);
        work.work(StridedMemWork.CHUNK, 0);
        assertEquals(0, cedes.get());
        work.work(StridedMemWork.CHUNK * 5L + 1, 12345);
        assertEquals(5, cedes.get());
    }

    @Test
    void stridedLoadsDependOnTheStartingOffset() {
        StridedMemWork work = new StridedMemWork(11);
        // 1024 loads at stride 7 visit every byte once (gcd(7, 1024) = 1): same sum from any offset.
        assertEquals(work.work(1024, 0), work.work(1024, 500));
        assertTrue(work.work(3, 0) != work.work(3, 1) || work.work(3, 1) != work.work(3, 2));
    }

    @Test
    void calibrationReportsAPositiveRate() {
        Calibration calibration = Calibration.measure(new StridedMemWork(5));
        assertTrue(calibration.iterationsPerMicrosecond() > 0, calibration.toString());
        assertEquals(1000.0, calibration.iterationsPerMicrosecond() * calibration.nanosPerIteration(), 1e-6);
        assertTrue(calibration.toString().startsWith("stridedmem: "));
    }
}
