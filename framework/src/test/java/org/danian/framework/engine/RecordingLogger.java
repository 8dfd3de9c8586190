package org.danian.framework.engine;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} that keeps every record, for tests that check what was logged. */
public final class RecordingLogger implements System.Logger {

    /** One log call. */
    public record Entry(Level level, String message) {
    }

    public final List<Entry> entries = new CopyOnWriteArrayList<>();

    /** Entries at {@code level}. */
    public List<Entry> at(Level level) {
        return entries.stream().filter(entry -> entry.level() == level).toList();
    }

    @Override
    public String getName() {
        return Kernel.LOGGER_NAME;
    }

    @Override
    public boolean isLoggable(Level level) {
        return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        entries.add(new Entry(level, message));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        entries.add(new Entry(level, params == null ? format : MessageFormat.format(format, params)));
    }
}
