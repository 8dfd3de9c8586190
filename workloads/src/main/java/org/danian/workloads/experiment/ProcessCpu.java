package org.danian.workloads.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * CPU time (user + system) of a process and its live descendants, read from Linux's
 * {@code /proc/<pid>/stat} (fields 14 utime and 15 stime, in clock ticks; proc(5)), converted
 * with the clock-tick rate {@code getconf CLK_TCK} reports. Descendants count because a
 * launcher script may run the JVM as its child instead of exec-ing it. A process that ended
 * between the listing and the read counts zero. Where {@code /proc} or {@code getconf} is
 * missing the time is unknown: empty, never guessed.
 */
final class ProcessCpu {

    private static final Path PROC = Path.of("/proc");
    private static volatile OptionalLong ticksPerSecond;

    private ProcessCpu() {
    }

    /** CPU nanoseconds of {@code process} and its descendants so far, or empty if unknown. */
    static OptionalLong nanos(ProcessHandle process) {
        OptionalLong hz = ticksPerSecond();
        OptionalLong own = ticks(process.pid());
        if (hz.isEmpty() || own.isEmpty()) {
            return OptionalLong.empty();
        }
        long ticks = own.getAsLong();
        for (ProcessHandle child : (Iterable<ProcessHandle>) process.descendants()::iterator) {
            ticks += ticks(child.pid()).orElse(0);
        }
        return OptionalLong.of(ticks * 1_000_000_000L / hz.getAsLong());
    }

    /** utime + stime of one process, in clock ticks. */
    static OptionalLong ticks(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return parseTicks(stat);
    }

    /**
     * Fields 14 and 15 of a stat line. Field 2, the command name in parentheses, may hold
     * spaces and parentheses itself, so counting starts after its last ')'.
     */
    static OptionalLong parseTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return OptionalLong.empty();
        }
        String[] rest = stat.substring(close + 1).trim().split("\\s+");
        // rest[0] is field 3 (state), so field 14 is rest[11] and field 15 rest[12].
        if (rest.length < 13) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(rest[11]) + Long.parseLong(rest[12]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** {@code getconf CLK_TCK}, asked once; empty if it cannot be run or says nothing useful. */
    static OptionalLong ticksPerSecond() {
        OptionalLong known = ticksPerSecond;
        if (known == null) {
            known = askGetconf();
            ticksPerSecond = known;
        }
        return known;
    }

    private static OptionalLong askGetconf() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!getconf.waitFor(10, TimeUnit.SECONDS) || getconf.exitValue() != 0) {
                return OptionalLong.empty();
            }
            long hz = Long.parseLong(answer);
            return hz > 0 ? OptionalLong.of(hz) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        }
    }
}
