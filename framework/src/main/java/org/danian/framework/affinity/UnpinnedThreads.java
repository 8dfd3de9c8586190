package org.danian.framework.affinity;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The fallback {@link NativeThreads} when native calls are unavailable (not Linux, no C
 * library, jnr-ffi or jffi failed to load): threads stay where the OS puts them, {@link
 * #pin(int)} returns {@code false}, core and thread id are unknown. CPU time still comes from
 * the JVM's {@link ThreadMXBean} when it supports it, so per-kthread CPU metrics survive.
 */
final class UnpinnedThreads implements NativeThreads {

    private final String reason;
    private final ThreadMXBean threads;
    private final boolean cpuTimeSupported;

    /** @param reason why the native implementation is unavailable, for {@link #description()} */
    UnpinnedThreads(String reason) {
        this.reason = reason;
        this.threads = ManagementFactory.getThreadMXBean();
        this.cpuTimeSupported = threads.isCurrentThreadCpuTimeSupported();
    }

    @Override
    public boolean canPin() {
        return false;
    }

    @Override
    public boolean pin(int core) {
        if (core < 0) {
            throw new IllegalArgumentException("core must not be negative: " + core);
        }
        return false;
    }

    @Override
    public int currentCore() {
        return UNKNOWN_CORE;
    }

    @Override
    public long osThreadId() {
        return UNKNOWN_THREAD_ID;
    }

    /** -1 from the MXBean (measurement disabled at run time) maps to the same sentinel. */
    @Override
    public long currentThreadCpuNanos() {
        return cpuTimeSupported ? threads.getCurrentThreadCpuTime() : UNKNOWN_CPU_TIME;
    }

    @Override
    public String description() {
        return "unpinned fallback (threads are not pinned to cores): " + reason;
    }
}
