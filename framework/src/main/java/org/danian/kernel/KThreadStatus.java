package org.danian.kernel;

/**
 * One kthread in a {@link KernelStatus} snapshot: running on exactly one core, or idle in its
 * proc's idle set.
 *
 * @param id the kthread's index within its proc
 * @param running true if it runs on {@code core}; false if it is idle
 * @param core the core it runs on, or {@link org.danian.spi.KThreadView#NO_CORE} when idle
 * @param lastCore the core it last ran on, or {@code NO_CORE} if it never ran
 * @param parkSequence when idle, the kernel-wide sequence number of its park (a smaller number
 *     parked earlier); 0 when running
 */
public record KThreadStatus(int id, boolean running, int core, int lastCore, long parkSequence) {
}
