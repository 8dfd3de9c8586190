package org.danian.workloads.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** A CSV file written a row at a time, so a long sweep leaves its finished rows behind. */
final class CsvFile {

    private final Path path;

    /** Creates (or truncates) the file and writes the header. {@code null} path: no file. */
    static CsvFile create(Path path, List<String> header) {
        if (path == null) {
            return new CsvFile(null);
        }
        try {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(path, String.join(",", header) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        return new CsvFile(path);
    }

    private CsvFile(Path path) {
        this.path = path;
    }

    void row(List<?> values) {
        if (path == null) {
            return;
        }
        StringBuilder line = new StringBuilder();
        for (Object value : values) {
            line.append(line.length() == 0 ? "" : ",").append(value);
        }
        try {
            Files.writeString(path, line.append('\n'), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }
}
