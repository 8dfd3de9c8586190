package org.danian.workloads.protocol;

import java.nio.ByteBuffer;

/**
 * Caladan's synthetic request (apps/synthetic, {@code payload.rs}): three big-endian unsigned
 * 64-bit fields, 24 bytes in all. The server does {@code work_iterations} of fake work, writes
 * its timestamp over {@code randomness}, and sends the 24 bytes back; the client matches the
 * reply to its request by {@code index}.
 */
public final class SyntheticWire {

    /** Request and reply length, in bytes. */
    public static final int SIZE = 24;
    private static final int WORK_ITERATIONS = 0;
    private static final int INDEX = 8;
    private static final int RANDOMNESS = 16;

    private SyntheticWire() {
    }

    public static long workIterations(ByteBuffer message) {
        return message.getLong(WORK_ITERATIONS);
    }

    public static long index(ByteBuffer message) {
        return message.getLong(INDEX);
    }

    public static long randomness(ByteBuffer message) {
        return message.getLong(RANDOMNESS);
    }

    /** Overwrites the randomness field (the server puts its timestamp there). */
    public static void putRandomness(ByteBuffer message, long value) {
        message.putLong(RANDOMNESS, value);
    }

    /** Writes a whole request at offset 0. The buffer must have room for {@link #SIZE} bytes. */
    public static void write(ByteBuffer message, long workIterations, long index, long randomness) {
        message.putLong(WORK_ITERATIONS, workIterations);
        message.putLong(INDEX, index);
        message.putLong(RANDOMNESS, randomness);
    }

}
