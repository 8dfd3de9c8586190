package org.danian.framework.logging;

import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Hands every {@code java.util.logging} record of this JVM to the OSGi Log Service while the
 * Log Service runs: a handler on JUL's root logger, beside the launcher's console and file
 * handlers, so a record reaches standard error, {@code log/danian.log} and the Log Service's
 * readers alike.
 *
 * <p>Each record goes to the OSGi {@link Logger} of the record's logger name; JUL's levels map
 * to the Log Service's (SEVERE to error, WARNING to warn, INFO to info, CONFIG and FINE to
 * debug, finer to trace), and the Log Service's own level settings (LoggerAdmin, OSGi
 * Compendium R8 §101.6) decide what it keeps. Records logged before this component is active
 * (the first lines of a start) reach standard error and the file only.
 *
 * <p>The Log Service's formatter reads {@code {}} in a message as a placeholder, so each
 * message is passed as the argument of a lone {@code {}}, never as the format itself.
 */
@Component(service = {}, immediate = true)
public final class JulToOsgiLog extends Handler {

    private static final int TRACE_BELOW = Level.FINE.intValue();
    private final LoggerFactory loggers;
    private final SimpleFormatter messages = new SimpleFormatter();

    /** The DS constructor. */
    @Activate
    public JulToOsgiLog(@Reference(name = "loggers") LoggerFactory loggers) {
        this.loggers = loggers;
        java.util.logging.Logger.getLogger("").addHandler(this);
    }

    @Deactivate
    void deactivate() {
        java.util.logging.Logger.getLogger("").removeHandler(this);
    }

    @Override
    public void publish(LogRecord logRecord) {
        if (logRecord == null) {
            return;
        }
        String name = logRecord.getLoggerName() == null ? Logger.ROOT_LOGGER_NAME : logRecord.getLoggerName();
        Logger logger = loggers.getLogger(name);
        String message = messages.formatMessage(logRecord);
        Throwable thrown = logRecord.getThrown();
        int level = logRecord.getLevel().intValue();
        if (level >= Level.SEVERE.intValue()) {
            logger.error("{}", message, thrown);
        } else if (level >= Level.WARNING.intValue()) {
            logger.warn("{}", message, thrown);
        } else if (level >= Level.INFO.intValue()) {
            logger.info("{}", message, thrown);
        } else if (level >= TRACE_BELOW) {
            logger.debug("{}", message, thrown);
        } else {
            logger.trace("{}", message, thrown);
        }
    }

    @Override
    public void flush() {
        // The Log Service keeps entries in memory: nothing to flush.
    }

    @Override
    public void close() {
        // JUL's LogManager closes root handlers at JVM exit; the component's deactivation
        // removes this one from the root logger.
    }
}
