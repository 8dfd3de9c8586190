package org.danian.framework.affinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jnr.ffi.LibraryLoader;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.types.size_t;

/**
 * {@link NativeThreads} through jnr-ffi calls into the Linux C library.
 *
 * <p>CPU time is read with {@code clock_gettime(CLOCK_THREAD_CPUTIME_ID)}, not through {@code
 * ThreadMXBean}: both end in the same system call (thread CPU clocks are not served by the
 * vDSO), but the direct call does not depend on the JVM's optional thread-CPU-time support
 * being enabled, and keeps all four readings of a kthread in one place. The unpinned fallback
 * uses {@code ThreadMXBean}.
 *
 * <p>Each thread gets two small native buffers on its first call (the {@code cpu_set_t} mask and
 * a {@code struct timespec}), kept in a {@link ThreadLocal}, so later calls allocate nothing:
 * jnr-ffi's generated stubs pass a direct {@link Pointer} as a raw address.
 */
final class JnrNativeThreads implements NativeThreads {

    /** Linux {@code CLOCK_THREAD_CPUTIME_ID} (include/uapi/linux/time.h). */
    private static final int CLOCK_THREAD_CPUTIME_ID = 3;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** prctl(2) options, from linux/prctl.h. */
    private static final int PR_SET_TIMERSLACK = 29;
    private static final int PR_GET_TIMERSLACK = 30;
    /** setpriority(2)'s {@code PRIO_PROCESS}, from sys/resource.h. */
    private static final int PRIO_PROCESS = 0;

    /**
     * The C functions used. Public because jnr-ffi generates its implementation in its own
     * class loader. Errors are ignored where the return value says all we need.
     */
    public interface LibC {
        int sched_setaffinity(int pid, @size_t long cpuSetSize, Pointer mask);

        @IgnoreError
        int sched_getcpu();

        @IgnoreError
        int gettid();

        @IgnoreError
        long syscall(long number);

        @IgnoreError
        int clock_gettime(int clockId, Pointer timespec);

        @IgnoreError
        int prctl(int option, long arg2, long arg3, long arg4, long arg5);

        int setpriority(int which, int who, int prio);
    }

    private final LibC libc;
    private final Runtime runtime;
    private final int maskWords;
    private final boolean hasGettid;
    private final long gettidSyscall;
    private final ThreadLocal<Buffers> buffers;

    private JnrNativeThreads(LibC libc, int possibleCores, boolean hasGettid, long gettidSyscall) {
        this.libc = libc;
        this.runtime = Runtime.getRuntime(libc);
        this.maskWords = (possibleCores + Long.SIZE - 1) / Long.SIZE;
        this.hasGettid = hasGettid;
        this.gettidSyscall = gettidSyscall;
        this.buffers = ThreadLocal.withInitial(this::newBuffers);
    }

    /**
     * Loads the C library and checks that the calls work on this thread.
     *
     * @throws UnsupportedOperationException if this is not Linux
     * @throws LinkageError if jnr-ffi, jffi's native stub or the C library cannot load
     * @throws IllegalStateException if a probe call fails
     */
    static JnrNativeThreads load() {
        String os = System.getProperty("os.name", "");
        if (!os.startsWith("Linux")) {
            throw new UnsupportedOperationException("native thread control needs Linux; os.name=" + os);
        }
        LibC libc = LibraryLoader.create(LibC.class).load("c");
        if (libc.sched_getcpu() < 0) {
            throw new IllegalStateException("sched_getcpu() failed: the C library does not report cores");
        }
        boolean hasGettid = probeGettid(libc);
        long gettidSyscall = gettidSyscallNumber(System.getProperty("os.arch", ""));
        return new JnrNativeThreads(libc, possibleCores(), hasGettid, gettidSyscall);
    }

    /** gettid() exists from glibc 2.30; older C libraries need the raw system call. */
    private static boolean probeGettid(LibC libc) {
        try {
            return libc.gettid() > 0;
        } catch (UnsatisfiedLinkError missingSymbol) {
            return false;
        }
    }

    /** SYS_gettid from the kernel's syscall tables, or 0 for an architecture not listed. */
    static long gettidSyscallNumber(String osArch) {
        switch (osArch) {
            case "amd64":
            case "x86_64":
                return 186;
            case "aarch64":
            case "arm64":
                return 178;
            default:
                return 0;
        }
    }

    /**
     * Number of cores the kernel may ever bring online, from {@code /sys/devices/system/cpu/
     * possible} ("0-N"), so the affinity mask covers every core; the JVM's processor count when
     * that file is unreadable.
     */
    private static int possibleCores() {
        int fromJvm = java.lang.Runtime.getRuntime().availableProcessors();
        try {
            String text = Files.readString(Path.of("/sys/devices/system/cpu/possible")).trim();
            int max = 0;
            for (String number : text.split("[,-]")) {
                max = Math.max(max, Integer.parseInt(number.trim()));
            }
            return Math.max(max + 1, fromJvm);
        } catch (IOException | NumberFormatException unreadable) {
            return fromJvm;
        }
    }

    private Buffers newBuffers() {
        return new Buffers(Memory.allocateDirect(runtime, maskWords * Long.BYTES),
                Memory.allocateDirect(runtime, 2L * runtime.longSize()));
    }

    @Override
    public boolean canPin() {
        return true;
    }

    @Override
    public boolean pin(int core) {
        if (core < 0) {
            throw new IllegalArgumentException("core must not be negative: " + core);
        }
        if (core >= maskWords * Long.SIZE) {
            return false; // beyond every core this machine can have: the kernel would refuse too
        }
        Pointer mask = buffers.get().cpuMask;
        for (int word = 0; word < maskWords; word++) {
            mask.putLong(word * (long) Long.BYTES, 0L);
        }
        mask.putLong((core / Long.SIZE) * (long) Long.BYTES, 1L << (core % Long.SIZE));
        return libc.sched_setaffinity(0, maskWords * (long) Long.BYTES, mask) == 0;
    }

    @Override
    public int currentCore() {
        int core = libc.sched_getcpu();
        return core >= 0 ? core : UNKNOWN_CORE;
    }

    @Override
    public long osThreadId() {
        if (hasGettid) {
            return libc.gettid();
        }
        return osThreadIdViaSyscall();
    }

    /** The thread id through {@code syscall(SYS_gettid)}, the path for C libraries without gettid. */
    long osThreadIdViaSyscall() {
        if (gettidSyscall == 0) {
            return UNKNOWN_THREAD_ID;
        }
        long tid = libc.syscall(gettidSyscall);
        return tid > 0 ? tid : UNKNOWN_THREAD_ID;
    }

    @Override
    public long currentThreadCpuNanos() {
        Pointer timespec = buffers.get().timespec;
        if (libc.clock_gettime(CLOCK_THREAD_CPUTIME_ID, timespec) != 0) {
            return UNKNOWN_CPU_TIME;
        }
        // struct timespec { time_t tv_sec; long tv_nsec; }: both C longs on Linux.
        long seconds = timespec.getNativeLong(0);
        long nanos = timespec.getNativeLong(runtime.longSize());
        return seconds * NANOS_PER_SECOND + nanos;
    }

    @Override
    public long timerSlack(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("timer slack must not be negative: " + nanos);
        }
        if (libc.prctl(PR_SET_TIMERSLACK, nanos, 0, 0, 0) != 0) {
            return 0;
        }
        int now = libc.prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
        return now > 0 ? now : 0;
    }

    @Override
    public int setNice(int nice) {
        NativeThreads.checkNice(nice);
        if (libc.setpriority(PRIO_PROCESS, 0, nice) == 0) {
            return 0;
        }
        int errno = runtime.getLastError();
        return errno > 0 ? errno : NICE_UNSUPPORTED;
    }

    @Override
    public String description() {
        return "native (jnr-ffi, libc): pinning with sched_setaffinity over " + (maskWords * Long.SIZE)
                + "-core masks; thread id via " + (hasGettid ? "gettid()" : "syscall(" + gettidSyscall + ")");
    }

    /** The calling thread's native buffers. */
    private static final class Buffers {
        final Pointer cpuMask;
        final Pointer timespec;

        Buffers(Pointer cpuMask, Pointer timespec) {
            this.cpuMask = cpuMask;
            this.timespec = timespec;
        }
    }
}
