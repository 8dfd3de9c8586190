package org.danian.framework.net;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.util.concurrent.locks.LockSupport;

/**
 * The polling role of {@link KernelUdpDriver}: {@code poll}, the blocking {@code await} and the
 * {@code wakeup} that ends it, over the driver's selector and its {@link UdpReceiver}.
 *
 * <p>One thread at a time holds the role, the scheduler thread or a kthread waiting for its
 * next packet (directpath receive); the kernel hands it over with a happens-before edge, so the
 * plain fields below need nothing more. {@link #wakeup} is called from any thread.
 */
final class UdpPolling {

    /** How often a held-back port is looked at again: the idle strategy's longest park. */
    private static final long HELD_BACK_RECHECK_NANOS = 100_000;

    private final UdpBuffers buffers;
    private final UdpReceiver receiver;
    /**
     * Whether the last {@link #await} read every ready socket until it was empty, so that the
     * {@link #poll()} right after it can skip its {@code selectNow}.
     */
    private boolean drainedByAwait;
    /** The thread parked in {@link #await} while a port is held back, for {@link #wakeup}. */
    private volatile Thread parkedPoller;

    UdpPolling(UdpBuffers buffers, UdpReceiver receiver) {
        this.buffers = buffers;
        this.receiver = receiver;
    }

    /** Receives what the ready sockets hold, without blocking; the number of packets steered. */
    int poll() {
        if (drainedByAwait) {
            // The select that just ended read every ready socket to empty: a selectNow now would
            // find only what arrived in the microseconds since, which the next poll, or the next
            // select (level-triggered), finds anyway. One system call less per request.
            drainedByAwait = false;
            return 0;
        }
        receiver.startBurst();
        try {
            buffers.selector().selectNow(receiver.drainReady());
        } catch (IOException | ClosedSelectorException e) {
            return 0; // the selector failed or was closed under us: nothing was received
        }
        return receiver.taken();
    }

    /** {@link KernelUdpDriver#await}: blocks in the selector, or parks while a port is held back. */
    int await(long timeoutNanos) {
        if (receiver.holdingBack()) {
            // A held-back port is not watched, so no datagram can end a select; the room it
            // waits for comes from kthreads releasing packets, which wake no one. Look again
            // soon, whatever the timeout (an idle kernel passes up to a second).
            parkedPoller = Thread.currentThread();
            LockSupport.parkNanos(this, Math.min(timeoutNanos, HELD_BACK_RECHECK_NANOS));
            return poll();
        }
        receiver.startBurst();
        try {
            buffers.selector().select(receiver.drainReady(), Math.max(1, (timeoutNanos + 999_999) / 1_000_000));
        } catch (IOException | ClosedSelectorException e) {
            return 0; // as in poll: nothing was received
        }
        drainedByAwait = receiver.drainedAll();
        return receiver.taken();
    }

    /** Any thread: ends an {@link #await} in progress, or makes the next one return at once. */
    void wakeup() {
        buffers.selector().wakeup();
        Thread parked = parkedPoller;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }
}
