package org.danian.workloads.synthetic;

import java.util.SplittableRandom;

/**
 * Caladan's default fake work, "stridedmem:1024:7" (apps/synthetic, {@code fakework.rs}): one
 * iteration loads one byte of a 1 KiB buffer, walking it at a stride of 7 bytes, here from the
 * offset the request's randomness gives. The buffer is read-only after construction, so one
 * instance serves every thread.
 *
 * <p>Long work is split into chunks, with the cede hook called between chunks: a cooperative
 * runtime (Caladan's {@code cede}, or Danian's engine) can take the core back from a long
 * request at those points. The hook runs on the working thread and must be cheap when there is
 * nothing to do.
 */
public final class StridedMemWork {

    public static final int BUFFER_SIZE = 1024;
    public static final int STRIDE = 7;
    /** Iterations between two cede checks: about a microsecond of work on a current core. */
    public static final int CHUNK = 1024;

    private static final Runnable NO_CEDE = () -> { };

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private final Runnable cedeCheck;

    /**
     * @param seed fills the buffer (its contents do not matter, only that loads happen)
     * @param cedeCheck called between chunks of work, on the working thread; {@code null} for none
     */
    public StridedMemWork(long seed, Runnable cedeCheck) {
        new SplittableRandom(seed).nextBytes(buffer);
        this.cedeCheck = cedeCheck == null ? NO_CEDE : cedeCheck;
    }

    public StridedMemWork(long seed) {
        this(seed, null);
    }

    /**
     * Does {@code iterations} loads and returns a value folded from them, which the caller
     * must consume (so the JIT cannot drop the loads).
     *
     * @param iterations non-negative
     * @param randomness selects the starting offset
     */
    public long work(long iterations, long randomness) {
        int offset = (int) Long.remainderUnsigned(randomness, BUFFER_SIZE);
        long folded = 0;
        long left = iterations;
        while (left > 0) {
            int chunk = (int) Math.min(left, CHUNK);
            for (int i = 0; i < chunk; i++) {
                folded += buffer[offset];
                offset += STRIDE;
                if (offset >= BUFFER_SIZE) {
                    offset -= BUFFER_SIZE;
                }
            }
            left -= chunk;
            if (left > 0) {
                cedeCheck.run();
            }
        }
        return folded;
    }
}
