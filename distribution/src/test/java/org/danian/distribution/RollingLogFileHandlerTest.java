package org.danian.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RollingLogFileHandlerTest {

    private static final int LIMIT_BYTES = 200;

    @TempDir
    Path folder;

    @Test
    void theCurrentFileKeepsItsNameAndOlderOnesAreNumberedUpToTheCount() throws Exception {
        Path file = folder.resolve("danian.log");
        RollingLogFileHandler handler = new RollingLogFileHandler(file, LIMIT_BYTES, 3);
        handler.setFormatter(new LineFormatter());
        try {
            for (int i = 0; i < 40; i++) {
                handler.publish(new LogRecord(Level.INFO, String.format("line %03d of the run", i)));
            }
        } finally {
            handler.close();
        }

        assertTrue(Files.exists(file), "the current file is danian.log");
        assertTrue(Files.exists(folder.resolve("danian.log.1")), "a rolled file");
        assertTrue(Files.exists(folder.resolve("danian.log.2")), "a second rolled file");
        assertFalse(Files.exists(folder.resolve("danian.log.3")), "three files in all");
        assertFalse(Files.exists(folder.resolve("danian.log.0")), "no generation number on the current file");
        List<String> current = Files.readAllLines(file);
        assertEquals("line 039 of the run", current.get(current.size() - 1), "the newest line is in danian.log");
        String rolled = Files.readString(folder.resolve("danian.log.1"));
        assertTrue(rolled.length() >= LIMIT_BYTES && rolled.length() < LIMIT_BYTES + 40,
                () -> "rolled at the limit: " + rolled.length() + " bytes");
        assertTrue(rolled.compareTo(Files.readString(folder.resolve("danian.log.2"))) > 0, "danian.log.1 is the newer");
    }

    @Test
    void aFolderThatCannotBeWrittenIsAnErrorNamingTheFile() throws Exception {
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");
        Path file = notAFolder.resolve("danian.log");
        java.io.IOException refused = assertThrows(java.io.IOException.class,
                () -> new RollingLogFileHandler(file, LIMIT_BYTES, 3));
        assertTrue(refused.getMessage().contains("danian.log"), refused::getMessage);
    }

    @Test
    void fewerThanTwoFilesIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> new RollingLogFileHandler(folder.resolve("danian.log"), LIMIT_BYTES, 1));
        assertTrue(refused.getMessage().contains("1"), refused::getMessage);
    }

    private static final class LineFormatter extends Formatter {
        @Override
        public String format(LogRecord logRecord) {
            return logRecord.getMessage() + "\n";
        }
    }
}
