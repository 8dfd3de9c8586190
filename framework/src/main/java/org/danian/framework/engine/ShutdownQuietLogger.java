package org.danian.framework.engine;

import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * The kernel's logger, which goes quiet about INFO events once the framework is shutting down.
 *
 * <p>When the framework stops, Declarative Services takes the policy services away before it
 * deactivates the kernel (the policies' bundles, and the {@code simple} allocator of the
 * kernel's own bundle, stop first), and the kernel would report each one as "went away" with
 * its fallback: true, and noise at the end of every one-shot command. Warnings and errors
 * (an ejection during shutdown, say) still get through.
 *
 * <p>{@link #quiet()} may be called from any thread; the flag is volatile.
 */
final class ShutdownQuietLogger implements System.Logger {

    private final System.Logger delegate;
    private volatile boolean quiet;

    ShutdownQuietLogger(System.Logger delegate) {
        this.delegate = delegate;
    }

    /** From now on, drop messages below WARNING. */
    void quiet() {
        quiet = true;
    }

    private boolean dropped(Level level) {
        return quiet && level.getSeverity() < Level.WARNING.getSeverity();
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        return !dropped(level) && delegate.isLoggable(level);
    }

    @Override
    public void log(Level level, String message) {
        if (!dropped(level)) {
            delegate.log(level, message);
        }
    }

    @Override
    public void log(Level level, Supplier<String> messageSupplier) {
        if (!dropped(level)) {
            delegate.log(level, messageSupplier);
        }
    }

    @Override
    public void log(Level level, String message, Throwable thrown) {
        if (!dropped(level)) {
            delegate.log(level, message, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        if (!dropped(level)) {
            delegate.log(level, bundle, message, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (!dropped(level)) {
            delegate.log(level, bundle, format, params);
        }
    }
}
