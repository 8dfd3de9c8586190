package org.danian.framework.shell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogReaderService;

/**
 * The {@code danian:logs} shell command: the newest entries the OSGi Log Service keeps (its
 * {@link LogReaderService}), as text or, with {@code --json}, a JSON array of
 * {@link LogLine}s, newest first. Gogo's own {@code log} command reads the same service; this
 * one answers in JSON for scripts. The entries are this JVM's: a one-shot
 * {@code bin/danian logs} shows its own start; a running instance's history is in
 * {@code log/danian.log}.
 */
@Component(service = LogCommand.class, property = {
    "osgi.command.scope=danian",
    "osgi.command.function=logs"
})
public final class LogCommand {

    /** One Log Service entry: time (ISO-8601), level, bundle, logger name, message, exception. */
    public record LogLine(String time, String level, String bundle, String logger, String message,
            String exception) {
    }

    private final LogReaderService reader;

    /** The DS constructor. */
    @Activate
    public LogCommand(@Reference(name = "reader") LogReaderService reader) {
        this.reader = reader;
    }

    @Descriptor("show the newest entries of the OSGi Log Service (what standard error and log/danian.log got)")
    public String logs(@Descriptor("answer as a JSON array, newest first")
            @Parameter(names = {"-j", "--json"}, presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("the most entries to show")
            @Parameter(names = {"-n", "--count"}, absentValue = "50") int count) {
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1: " + count);
        }
        List<LogLine> lines = newest(count);
        if (json) {
            return JsonAnswer.of(lines);
        }
        StringBuilder text = new StringBuilder();
        for (LogLine line : lines) {
            text.append(line.time()).append(' ').append(line.level()).append(' ').append(line.bundle())
                    .append(' ').append(line.logger()).append(": ").append(line.message());
            if (line.exception() != null) {
                text.append(" (").append(line.exception()).append(')');
            }
            text.append('\n');
        }
        return text.toString();
    }

    private List<LogLine> newest(int count) {
        List<LogLine> lines = new ArrayList<>();
        Enumeration<LogEntry> entries = reader.getLog();
        while (entries.hasMoreElements() && lines.size() < count) {
            LogEntry entry = entries.nextElement();
            lines.add(new LogLine(Instant.ofEpochMilli(entry.getTime()).toString(), entry.getLogLevel().name(),
                    entry.getBundle() == null ? null : entry.getBundle().getSymbolicName(), entry.getLoggerName(),
                    entry.getMessage(), entry.getException() == null ? null : entry.getException().toString()));
        }
        return lines;
    }
}
