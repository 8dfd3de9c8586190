package org.danian.distribution;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Where the run's log messages go: standard error and a rotated file under {@code log/}.
 *
 * <p>The kernel and the workloads log through {@code System.Logger}, which the JDK backs with
 * {@code java.util.logging} (JUL). The launcher gives JUL's root logger two handlers: the
 * console handler (standard error, never standard output, which carries only ready lines and
 * command answers) and a {@link RollingLogFileHandler} writing {@code <log dir>/danian.log},
 * rolled over to {@code danian.log.1} … {@code danian.log.4} (the oldest last) past
 * {@value #LIMIT_BYTES} bytes, {@value #FILES} files in all. The folder is {@code log/} of the
 * installation, or {@value #LOG_DIR_PROPERTY}. A folder that cannot be written (a read-only
 * installation) costs the file, not the run.
 *
 * <p>Inside the framework the kernel's bundle also hands every record to the OSGi Log Service
 * (its {@code JulToOsgiLog}), so the shell's {@code log} command shows the same entries.
 */
final class LauncherLog {

    static final String LOG_DIR_PROPERTY = "danian.log.dir";
    static final int LIMIT_BYTES = 10 * 1024 * 1024;
    static final int FILES = 5;
    static final String FILE_NAME = "danian.log";
    private static final String FORMAT = "%1$tF %1$tT.%1$tL %4$s %3$s: %5$s%6$s%n";

    private LauncherLog() {
    }

    /** Points JUL at standard error and the log file; says on {@code err} if the file cannot be opened. */
    static void configure(PrintStream err) {
        System.setProperty("java.util.logging.SimpleFormatter.format", FORMAT);
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(Level.INFO);
        console.setFormatter(new SimpleFormatter());
        root.addHandler(console);
        Path folder = folder();
        try {
            Files.createDirectories(folder);
            Handler file = new RollingLogFileHandler(folder.resolve(FILE_NAME), LIMIT_BYTES, FILES);
            file.setFormatter(new SimpleFormatter());
            file.setLevel(Level.INFO);
            root.addHandler(file);
        } catch (IOException | RuntimeException e) {
            err.println("danian: warning: no log file in " + folder + ": " + e.getMessage());
        }
    }

    /** The log folder: {@value #LOG_DIR_PROPERTY}, else {@code log/} of the installation. */
    static Path folder() {
        String configured = System.getProperty(LOG_DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured);
        }
        return Paths.get(System.getProperty(LauncherConfig.HOME_PROPERTY, ".")).resolve("log");
    }
}
