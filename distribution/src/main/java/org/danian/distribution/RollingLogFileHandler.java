package org.danian.distribution;

import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

/**
 * A {@code java.util.logging} handler writing to {@code <name>}, the current file, and rolling
 * it over to {@code <name>.1}, {@code <name>.2}, … (the oldest last) once it passes a size.
 *
 * <p>JUL's own {@code FileHandler} cannot name its current file without a generation number
 * ({@code danian.log.0}), so the rotation is Logback's: its core module's
 * {@link RollingFileAppender} with a {@link FixedWindowRollingPolicy} (the renaming window) and a
 * {@link SizeBasedTriggeringPolicy}, driven with the lines JUL's formatter makes. Logback's
 * classic module (the SLF4J binding) is not used: JUL stays the one logging front end.
 */
final class RollingLogFileHandler extends Handler {

    private final RollingFileAppender<String> appender = new RollingFileAppender<>();

    /**
     * Opens (appends to) {@code file}; keeps {@code files - 1} rolled files.
     *
     * @throws IOException if the file cannot be opened, with Logback's reason
     */
    RollingLogFileHandler(Path file, long limitBytes, int files) throws IOException {
        if (files < 2) {
            throw new IllegalArgumentException("files must be at least 2 (the current one and one rolled): " + files);
        }
        ContextBase context = new ContextBase();
        appender.setContext(context);
        appender.setName("danian-log");
        appender.setFile(file.toString());
        appender.setAppend(true);
        FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(file + ".%i");
        rolling.setMinIndex(1);
        rolling.setMaxIndex(files - 1);
        rolling.start();
        SizeBasedTriggeringPolicy<String> trigger = new SizeBasedTriggeringPolicy<>();
        trigger.setContext(context);
        trigger.setMaxFileSize(new FileSize(limitBytes));
        // Check the size at every line (one stat; log lines are rare), not Logback's default of
        // once per 60 ms, so the bound holds exactly.
        trigger.setCheckIncrement(Duration.buildByMilliseconds(0));
        trigger.start();
        appender.setRollingPolicy(rolling);
        appender.setTriggeringPolicy(trigger);
        appender.setEncoder(new LineEncoder());
        appender.start();
        if (!appender.isStarted()) {
            throw new IOException(firstError(context, file));
        }
    }

    @Override
    public void publish(LogRecord logRecord) {
        if (!isLoggable(logRecord)) {
            return;
        }
        appender.doAppend(getFormatter().format(logRecord));
    }

    @Override
    public void flush() {
        // The appender flushes every line (immediateFlush, Logback's default).
    }

    @Override
    public void close() {
        appender.stop();
    }

    private static String firstError(ContextBase context, Path file) {
        for (Status status : context.getStatusManager().getCopyOfStatusList()) {
            if (status.getLevel() == Status.ERROR) {
                return status.getMessage() + (status.getThrowable() == null ? "" : ": " + status.getThrowable());
            }
        }
        return "cannot open " + file;
    }

    /** A formatted line as UTF-8 bytes; no header, no footer. */
    private static final class LineEncoder extends EncoderBase<String> {

        @Override
        public byte[] headerBytes() {
            return null;
        }

        @Override
        public byte[] encode(String line) {
            return line.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return null;
        }
    }
}
