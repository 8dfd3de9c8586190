package org.danian.framework.affinity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** The fallback, forced through the loader's package-private seam. */
class UnpinnedFallbackTest {

    @Test
    void aFailingNativeLoadFallsBackAndSaysSoOnceWithTheCause() {
        RecordingLogger log = new RecordingLogger();
        UnsatisfiedLinkError cause = new UnsatisfiedLinkError("libc.so.6: cannot open shared object file");

        NativeThreads threads = NativeThreadsLoader.select(() -> {
            throw cause;
        }, log);

        assertInstanceOf(UnpinnedThreads.class, threads);
        assertEquals(1, log.records.size(), log.records.toString());
        Record record = log.records.get(0);
        assertEquals(Level.WARNING, record.level);
        assertTrue(record.message.contains("UNPINNED"), record.message);
        assertTrue(record.message.contains("cannot open shared object file"), record.message);
        assertSame(cause, record.thrown);
        assertTrue(threads.description().contains("cannot open shared object file"), threads.description());

        threads.pin(0);
        threads.currentCore();
        assertEquals(1, log.records.size(), "using the fallback must not log again");
    }

    @Test
    void aRuntimeFailureAlsoFallsBack() {
        RecordingLogger log = new RecordingLogger();
        NativeThreads threads = NativeThreadsLoader.select(() -> {
            throw new UnsupportedOperationException("native thread control needs Linux; os.name=Plan 9");
        }, log);
        assertFalse(threads.canPin());
        assertTrue(log.records.get(0).message.contains("Plan 9"));
    }

    @Test
    void aSuccessfulNativeLoadLogsNothing() {
        RecordingLogger log = new RecordingLogger();
        NativeThreads fake = new UnpinnedThreads("stand-in for a native implementation");
        assertSame(fake, NativeThreadsLoader.select(() -> fake, log));
        assertTrue(log.records.isEmpty());
    }

    @Test
    void theFallbackNeverPinsAndAnswersUnknown() {
        NativeThreads threads = new UnpinnedThreads("forced");
        assertFalse(threads.canPin());
        assertFalse(threads.pin(0));
        assertEquals(NativeThreads.UNKNOWN_CORE, threads.currentCore());
        assertEquals(NativeThreads.UNKNOWN_THREAD_ID, threads.osThreadId());
        assertThrows(IllegalArgumentException.class, () -> threads.pin(-1));
    }

    @Test
    void theFallbackStillMeasuresCpuTimeThroughTheJvm() {
        NativeThreads threads = new UnpinnedThreads("forced");
        long before = threads.currentThreadCpuNanos();
        assertTrue(before >= 0, "this JVM supports thread CPU time; got " + before);
        BusyWork.spinUntilCpuTimePasses(threads, before);
        assertTrue(threads.currentThreadCpuNanos() > before);
    }

    private record Record(Level level, String message, Throwable thrown) {
    }

    private static final class RecordingLogger implements Logger {
        final List<Record> records = new ArrayList<>();

        @Override
        public String getName() {
            return "recording";
        }

        @Override
        public boolean isLoggable(Level level) {
            return true;
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
            records.add(new Record(level, message, thrown));
        }

        @Override
        public void log(Level level, ResourceBundle bundle, String format, Object... params) {
            records.add(new Record(level, params == null ? format : MessageFormat.format(format, params), null));
        }
    }
}
