package org.danian.framework.affinity;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;

/**
 * Chooses the {@link NativeThreads} implementation: the native one if it loads, else the
 * unpinned fallback, announced once at {@link Level#WARNING} with the cause.
 *
 * <p>The process-wide choice is made on the first call to {@link #system()} (class
 * initialisation makes it once and publishes it safely to every thread) and never changes.
 * Inside OSGi the jnr-ffi jars are embedded in this bundle, so the choice is per bundle
 * class loader; a bundle update makes it again.
 */
public final class NativeThreadsLoader {

    private static final Logger LOG = System.getLogger(NativeThreadsLoader.class.getName());

    private NativeThreadsLoader() {
    }

    /** The implementation for this process; never null, never throws. */
    public static NativeThreads system() {
        return SystemChoice.INSTANCE;
    }

    /**
     * An implementation that never pins, for configurations that turn pinning off (shared
     * machines, tests); {@code reason} appears in its {@link NativeThreads#description()}.
     */
    public static NativeThreads unpinned(String reason) {
        return new UnpinnedThreads(reason);
    }

    /** Lazy holder: the native library is touched only when someone asks. */
    private static final class SystemChoice {
        static final NativeThreads INSTANCE = select(JnrNativeThreads::load, LOG);
    }

    /**
     * Tries {@code nativeLoader}; on any failure to load returns an {@link UnpinnedThreads}
     * and logs once on {@code log} why. Package-private so tests can force the fallback.
     */
    static NativeThreads select(Supplier<? extends NativeThreads> nativeLoader, Logger log) {
        try {
            return nativeLoader.get();
        } catch (LinkageError | RuntimeException failure) {
            String reason = failure.getClass().getName() + ": " + failure.getMessage();
            log.log(Level.WARNING, "Danian runs UNPINNED: native thread control is unavailable, so kthreads"
                    + " will not be pinned to their granted cores and core numbers are advisory. Cause: "
                    + reason, failure);
            return new UnpinnedThreads(reason);
        }
    }
}
